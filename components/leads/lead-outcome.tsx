// A converted or disqualified lead's outcome, under its title: "Converted" with links to
// the records it became, or "Disqualified" with the reason.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";

export function LeadOutcome({ record }: { record: Record<string, unknown> }) {
  if (record.status === "converted" && record.convertedContactId) {
    const links = [
      ["Contact", `/contacts/${String(record.convertedContactId)}`],
      ...(record.convertedCompanyId ? [["Company", `/companies/${String(record.convertedCompanyId)}`]] : []),
      ...(record.convertedDealId ? [["Deal", `/deals/${String(record.convertedDealId)}`]] : []),
    ];
    return (
      <div role="group" className="mt-1 flex flex-wrap items-center gap-2 text-sm" aria-label="Lead outcome">
        <Badge tone="green">Converted</Badge>
        {links.map(([label, href]) => (
          <Link key={href} href={href!} className="text-brand-700 underline">
            {label}
          </Link>
        ))}
      </div>
    );
  }
  if (record.status === "unqualified") {
    return (
      <div role="group" className="mt-1 flex flex-wrap items-center gap-2 text-sm" aria-label="Lead outcome">
        <Badge tone="red">Disqualified</Badge>
        {record.disqualifiedReason ? <span className="text-slate-600">{String(record.disqualifiedReason)}</span> : null}
      </div>
    );
  }
  return null;
}
