// The values a template may use when sent from a record: the record itself, and the
// contact, company and deal around it. Read in the sender's transaction, so the access
// scope decides what a template can reveal, as it decides what the page shows.
import "server-only";
import type { RecordRef } from "@/lib/activities/record-ref";
import { loadRecordRef, loadRecordRefs } from "@/lib/activities/record-ref";
import type { RecordKind } from "@/lib/records/registry";
import type { Tx } from "@/lib/tenancy/with-tenant";
import type { TemplateValue, TemplateVariables } from "./template";

type Row = Record<string, unknown>;

const str = (v: unknown): TemplateValue => (v === null || v === undefined ? null : typeof v === "number" ? v : String(v));

function money(amount: unknown, currency: unknown): string | null {
  if (amount === null || amount === undefined || amount === "") return null;
  const n = Number(amount);
  if (!Number.isFinite(n)) return String(amount);
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency: typeof currency === "string" ? currency : "USD" }).format(n);
  } catch {
    return `${n.toFixed(2)} ${String(currency ?? "")}`.trim();
  }
}

const person = (r: Row) => ({
  firstName: str(r.firstName),
  lastName: str(r.lastName),
  fullName: [r.firstName, r.lastName].filter(Boolean).join(" ") || null,
  email: str(r.email),
  phone: str(r.phone),
  jobTitle: str(r.jobTitle),
});

/** Related records read beforehand for many records at once (recordVariablesMany), by `KIND:id`. */
type Preloaded = Map<string, Row>;

async function related(tx: Tx, tenantId: string, kind: RecordKind, id: unknown, preloaded?: Preloaded): Promise<Row | null> {
  if (typeof id !== "string") return null;
  if (preloaded) return preloaded.get(`${kind}:${id}`) ?? null;
  try {
    return (await loadRecordRef(tx, tenantId, kind, id)).row as Row;
  } catch {
    return null; // trashed, or outside the sender's scope: the template's fallback shows
  }
}

export async function recordVariables(tx: Tx, tenantId: string, record: RecordRef, sender: { name: string | null; email: string | null }, preloaded?: Preloaded): Promise<TemplateVariables> {
  const r = record.row as Row;
  const vars: TemplateVariables = { user: { name: sender.name, email: sender.email, firstName: sender.name?.split(" ")[0] ?? null } };
  const company = (c: Row | null) => c && { name: str(c.name), domain: str(c.domain), website: str(c.website), industry: str(c.industry) };
  if (record.kind === "CONTACT") {
    vars.contact = person(r);
    vars.company = company(await related(tx, tenantId, "COMPANY", r.companyId, preloaded)) ?? undefined;
  } else if (record.kind === "LEAD") {
    // a lead is the person written to: {{contact.firstName}} works on it too
    vars.lead = { ...person(r), companyName: str(r.companyName), source: str(r.source) };
    vars.contact = person(r);
    vars.company = { name: str(r.companyName) };
  } else if (record.kind === "DEAL") {
    vars.deal = { name: str(r.name), amount: money(r.amount, r.currency), currency: str(r.currency), closeDate: str(r.closeDate) };
    const contact = await related(tx, tenantId, "CONTACT", r.contactId);
    if (contact) vars.contact = person(contact);
    vars.company = company(await related(tx, tenantId, "COMPANY", r.companyId ?? contact?.companyId)) ?? undefined;
  } else if (record.kind === "COMPANY") {
    vars.company = company(r) ?? undefined;
  } else if (record.kind === "TICKET") {
    vars.ticket = { subject: str(r.subject), priority: str(r.priority) };
    const contact = await related(tx, tenantId, "CONTACT", r.contactId);
    if (contact) vars.contact = person(contact);
  }
  return vars;
}

/**
 * recordVariables of many contacts (a campaign's batch): their companies read in one query
 * (as the sender's transaction sees them), the rest in memory. By contact id.
 */
export async function contactVariablesMany(tx: Tx, tenantId: string, contacts: readonly RecordRef[], sender: { name: string | null; email: string | null }): Promise<Map<string, TemplateVariables>> {
  const companies = await loadRecordRefs(tx, tenantId, "COMPANY", contacts.map((c) => (c.row as Row).companyId).filter((id): id is string => typeof id === "string"));
  const preloaded: Preloaded = new Map([...companies.values()].map((c) => [`COMPANY:${c.id}`, c.row as Row]));
  const out = new Map<string, TemplateVariables>();
  for (const c of contacts) out.set(c.id, await recordVariables(tx, tenantId, c, sender, preloaded));
  return out;
}

/** Where an email from this record goes by default: the contact's, lead's or deal contact's address. */
export function defaultRecipient(vars: TemplateVariables): string | null {
  const email = vars.contact?.email ?? vars.lead?.email;
  return typeof email === "string" && email.includes("@") ? email : null;
}
