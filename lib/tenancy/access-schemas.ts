// The access policy's shapes and its plain-language summary, shared by the service, the
// REST route, the action and Settings → Access (client-safe: no server imports).
import { z } from "zod";

export const ACCESS_ROLES = ["manager", "sales_rep", "readonly"] as const;
export const ACCESS_RECORD_TYPES = ["CONTACT", "COMPANY", "LEAD", "DEAL", "TICKET"] as const;
export const ACCESS_SCOPES = ["own", "team", "all"] as const;

export type AccessRole = (typeof ACCESS_ROLES)[number];
export type AccessRecordType = (typeof ACCESS_RECORD_TYPES)[number];
export type AccessScope = (typeof ACCESS_SCOPES)[number];
export type AccessPolicy = Record<AccessRole, Record<AccessRecordType, { read: AccessScope; write: AccessScope }>>;

const scope = z.enum(ACCESS_SCOPES);
export const accessScopePairSchema = z.strictObject({ read: scope, write: scope });
const perType = z.strictObject(Object.fromEntries(ACCESS_RECORD_TYPES.map((t) => [t, accessScopePairSchema.optional()])) as Record<AccessRecordType, z.ZodOptional<typeof accessScopePairSchema>>);

/** PUT /access-policy: `{ "<role>": { "<TYPE>": { read, write } } }`; roles and types left out keep theirs. */
export const accessPolicySchema = z.strictObject(Object.fromEntries(ACCESS_ROLES.map((r) => [r, perType.optional()])) as Record<AccessRole, z.ZodOptional<typeof perType>>);

export const ROLE_PLURAL: Record<AccessRole, string> = { manager: "Managers", sales_rep: "Sales reps", readonly: "Read-only users" };
export const TYPE_PLURAL: Record<AccessRecordType, string> = { CONTACT: "contacts", COMPANY: "companies", LEAD: "leads", DEAL: "deals", TICKET: "tickets" };

const phrase = (scope: AccessScope, type: AccessRecordType) =>
  scope === "all"
    ? `all ${TYPE_PLURAL[type]}`
    : scope === "own"
      ? `only the ${TYPE_PLURAL[type]} they or their groups own or are assigned`
      : `the ${TYPE_PLURAL[type]} of their teams (their own, their groups' and their group members')`;

/** "Sales reps see and edit only the contacts they or their groups own or are assigned." */
export function accessSummary(role: AccessRole, type: AccessRecordType, s: { read: AccessScope; write: AccessScope }): string {
  const who = ROLE_PLURAL[role];
  if (role === "readonly") return `${who} see ${phrase(s.read, type)} and edit none.`;
  if (s.read === s.write) return `${who} see and edit ${phrase(s.read, type)}.`;
  return `${who} see ${phrase(s.read, type)} and edit ${phrase(s.write, type)}.`;
}
