// The record page's lead score (leads) and assignment history (records that rules route).
import "server-only";
import { DateTime } from "@/components/ui/date-time";
import { listAssignments } from "@/lib/assignment/service";
import type { RecordKind } from "@/lib/records/registry";
import { leadScoreJson } from "@/lib/scoring/json";
import { leadScore } from "@/lib/scoring/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { LeadScorePanel } from "./lead-score-panel";
import { Panel } from "./panels";

export async function RoutingPanels({ ctx, kind, id }: { ctx: TenantContext; kind: RecordKind; id: string }) {
  if (kind === "COMPANY") return null;
  const [score, history] = await Promise.all([kind === "LEAD" ? leadScore(ctx, id).then(leadScoreJson) : null, listAssignments(ctx, kind, id)]);
  return (
    <>
      {score ? <LeadScorePanel id={id} initial={score} /> : null}
      {history.length ? (
        <Panel title="Assignment history" id="assignments-heading">
          <ol className="space-y-2 text-sm">
            {history.map((a, i) => (
              <li key={`${a.assignedAt}-${i}`}>
                <span className="font-medium text-slate-800">{a.userName ?? "A former member"}</span>{" "}
                <span className="text-slate-600">{a.ruleName ? `by the rule “${a.ruleName}”` : a.ruleId ? "by a deleted rule" : "by hand"}</span>
                <br />
                <DateTime value={a.assignedAt} className="text-xs text-slate-500" />
              </li>
            ))}
          </ol>
        </Panel>
      ) : null}
    </>
  );
}
