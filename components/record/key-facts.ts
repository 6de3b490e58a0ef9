// The few facts a record page's header shows under its title. Pure.
import { formatDay } from "@/lib/format/dates";
import { labelFor } from "@/lib/format/labels";
import { formatCount, formatMoney } from "@/lib/format/money";
import type { RecordKind } from "@/lib/records/registry";

export function keyFacts(kind: RecordKind, r: Record<string, unknown>, refs: Record<string, string | null>, locale?: string): string[] {
  const s = (v: unknown) => (v === null || v === undefined || v === "" ? null : String(v));
  const list = (...xs: (string | null | undefined)[]) => xs.filter((x): x is string => !!x);
  switch (kind) {
    case "COMPANY":
      return list(s(r.domain), s(r.industry), s(r.phone), r.employeeCount ? `${formatCount(Number(r.employeeCount), locale)} employees` : null);
    case "CONTACT":
      return list(s(r.jobTitle) && refs.companyId ? `${String(r.jobTitle)} at ${refs.companyId}` : (s(r.jobTitle) ?? refs.companyId), s(r.email), s(r.phone));
    case "LEAD":
      return list(s(r.companyName), s(r.email), s(r.status) ? `Status: ${labelFor("LEAD_STATUSES", String(r.status))}` : null, s(r.rating) ? labelFor("LEAD_RATINGS", String(r.rating)) : null, `Score ${String(r.score)}`);
    case "DEAL":
      return list(
        r.amount ? formatMoney(String(r.amount), s(r.currency), { locale }) : null,
        s(r.status) ? labelFor("DEAL_STATUSES", String(r.status)) : null,
        r.closeDate ? `Closes ${formatDay(String(r.closeDate), { locale })}` : null,
        refs.companyId,
      );
    case "TICKET":
      return list(`${labelFor("PRIORITIES", s(r.priority))} priority`, refs.companyId, refs.contactId);
  }
}
