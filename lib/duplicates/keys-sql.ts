// Each duplicate reason as SQL over its table: the key expressions exactly as the
// duplicates migration indexes them (so the planner walks those indexes in key order).
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { companies, contacts, leads } from "@/db/schema";
import type { DuplicateObjectType, DuplicateReason } from "./rules";

export const DUP_TABLES = { CONTACT: contacts, LEAD: leads, COMPANY: companies } as const;

/** One indexed source of a reason's key: its key parts (with their SQL types) and the rows it covers. */
export interface KeySource {
  parts: SQL[];
  where?: SQL;
}
export interface ReasonSql {
  /** SQL types of the key parts, to compare a cursor's text with them. */
  types: ("text" | "uuid")[];
  sources: KeySource[];
}

const c = contacts;
const l = leads;
const co = companies;

export const REASON_SQL: Record<DuplicateObjectType, Partial<Record<DuplicateReason, ReasonSql>>> = {
  CONTACT: {
    email: { types: ["text"], sources: [{ parts: [sql`dup_email_key(${c.email})`] }] },
    // a contact's phone and mobile are both its phones: two indexes, read side by side
    phone: { types: ["text"], sources: [{ parts: [sql`dup_phone_key(${c.phone})`] }, { parts: [sql`dup_phone_key(${c.mobilePhone})`] }] },
    name_company: { types: ["uuid", "text"], sources: [{ parts: [sql`${c.companyId}`, sql`dup_name_key(${c.firstName}, ${c.lastName})`], where: sql`${c.companyId} is not null` }] },
  },
  LEAD: {
    email: { types: ["text"], sources: [{ parts: [sql`dup_email_key(${l.email})`] }] },
    phone: { types: ["text"], sources: [{ parts: [sql`dup_phone_key(${l.phone})`] }] },
    name_company: { types: ["text", "text"], sources: [{ parts: [sql`dup_company_key(${l.companyName})`, sql`dup_name_key(${l.firstName}, ${l.lastName})`], where: sql`${l.companyName} is not null` }] },
  },
  COMPANY: {
    domain: { types: ["text"], sources: [{ parts: [sql`dup_domain_key(coalesce(${co.domain}, ${co.website}))`] }] },
    name: { types: ["text"], sources: [{ parts: [sql`dup_company_key(${co.name})`] }] },
  },
};
