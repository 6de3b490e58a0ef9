// One line of the Convert dialog: the record a conversion reuses or creates, and the
// fields it fills on a reused one.
import { Badge } from "@/components/ui/badge";
import type { PlannedRecord } from "@/lib/leads/convert";

const LABELS: Record<string, string> = {
  firstName: "first name",
  lastName: "last name",
  email: "email",
  phone: "phone",
  jobTitle: "job title",
  domain: "domain",
  name: "name",
};

export function PlannedRecordLine({ what, plan }: { what: "Contact" | "Company"; plan: PlannedRecord }) {
  const fill = plan.action === "reuse" ? Object.entries(plan.fill) : [];
  return (
    <li className="rounded-md border border-slate-200 p-2">
      <span className="font-medium">{what}: </span>
      {plan.title}{" "}
      {plan.action === "reuse" ? <Badge tone="amber">existing, reused</Badge> : <Badge tone="green">new</Badge>}
      {plan.action === "reuse" ? (
        <p className="mt-1 text-slate-600">
          {fill.length ? `Fills its empty ${fill.map(([k, v]) => `${LABELS[k] ?? k} (${String(v)})`).join(", ")}; other fields stay as they are.` : "Nothing to fill: its fields stay as they are."}
        </p>
      ) : null}
    </li>
  );
}
