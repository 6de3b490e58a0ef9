// The few facts a record page's header shows under its title. Pure.
import type { RecordKind } from "@/lib/records/registry";

export function keyFacts(kind: RecordKind, r: Record<string, unknown>, refs: Record<string, string | null>): string[] {
  const s = (v: unknown) => (v === null || v === undefined || v === "" ? null : String(v));
  const list = (...xs: (string | null | undefined)[]) => xs.filter((x): x is string => !!x);
  switch (kind) {
    case "COMPANY":
      return list(s(r.domain), s(r.industry), s(r.phone), r.employeeCount ? `${String(r.employeeCount)} employees` : null);
    case "CONTACT":
      return list(s(r.jobTitle) && refs.companyId ? `${String(r.jobTitle)} at ${refs.companyId}` : (s(r.jobTitle) ?? refs.companyId), s(r.email), s(r.phone));
    case "LEAD":
      return list(s(r.companyName), s(r.email), `status ${String(r.status)}`, `score ${String(r.score)}`);
    case "DEAL":
      return list(r.amount ? `${String(r.amount)} ${String(r.currency)}` : null, s(r.status), r.closeDate ? `closes ${String(r.closeDate)}` : null, refs.companyId);
    case "TICKET":
      return list(`${String(r.priority)} priority`, refs.companyId, refs.contactId);
  }
}
