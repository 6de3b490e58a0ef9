// The second line of a search hit: what tells two "John Smith"s apart (client-safe).
import { labelFor } from "@/lib/format/labels";
import { formatMoney } from "@/lib/format/money";
import type { RecordKind } from "@/lib/records/registry";

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);
const join = (...parts: (string | null)[]) => parts.filter(Boolean).join(" · ") || null;

export function subtitleOf(kind: RecordKind, f: Record<string, unknown>): string | null {
  switch (kind) {
    case "CONTACT":
      return join(str(f.jobTitle), str(f.email));
    case "COMPANY":
      return join(str(f.domain), str(f.industry));
    case "DEAL":
      return join(str(f.amount) ? formatMoney(str(f.amount)!, str(f.currency)) : null, str(f.status) ? labelFor("DEAL_STATUSES", str(f.status)) : null);
    case "LEAD":
      return join(str(f.companyName), str(f.email));
    case "TICKET":
      return join(str(f.priority) ? `${labelFor("PRIORITIES", str(f.priority))} priority` : null);
  }
}
