import type { Metadata } from "next";
import { BackToSettings } from "@/components/settings/back-link";
import { DeleteQuotaButton } from "@/components/settings/quotas/delete-quota-button";
import { QuotaForm } from "@/components/settings/quotas/quota-form";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { formatDay } from "@/lib/format/dates";
import { labelFor } from "@/lib/format/labels";
import { formatCount, formatMoney, formatPercent } from "@/lib/format/money";
import { periodEndDay } from "@/lib/quotas/schemas";
import { listQuotas, quotaAttainment } from "@/lib/quotas/service";
import { listGroups } from "@/lib/tenancy/groups";
import { listMembers } from "@/lib/tenancy/members";
import { getWorkspace } from "@/lib/workspace/service";
import { zonedDayOf, zonedDayStart } from "@/lib/workspace/zone";

export const metadata: Metadata = { title: "Quotas" };

export default async function QuotasPage() {
  const s = await requirePageSession();
  const [quotas, members, groups, workspace] = await Promise.all([listQuotas(s.ctx), listMembers(s.ctx), listGroups(s.ctx), getWorkspace(s.ctx)]);
  const attained = await Promise.all(quotas.map((q) => quotaAttainment(s.ctx, q.id)));
  const nameOf = new Map([...members.map((m) => [m.userId, m.name] as const), ...groups.map((g) => [g.id, `Group ${g.name}`] as const)]);
  const now = new Date();
  const today = zonedDayOf(now, workspace.timeZone);
  const money = (v: string) => formatMoney(v, workspace.currency);
  /** Share of the period gone by now: the pace a target's attainment is compared with. */
  const elapsed = (start: string, period: "MONTH" | "QUARTER" | "YEAR") => {
    const from = zonedDayStart(start, workspace.timeZone).getTime();
    const to = zonedDayStart(periodEndDay(start, period), workspace.timeZone).getTime();
    return Math.min(1, Math.max(0, (now.getTime() - from) / (to - from)));
  };
  return (
    <>
      <BackToSettings />
      <PageHeader title="Quotas" description={`Targets per member or group and period, and how far each has come: won deals, calls and meetings logged, and committed (open deals closing in the period, weighted). Periods are days in ${workspace.timeZone}.`} />
      <div className="space-y-6">
        {can(s.role, "quotas.manage") ? (
          <QuotaForm users={members.filter((m) => m.isActive).map((m) => ({ id: m.userId, name: m.name }))} groups={groups.map((g) => ({ id: g.id, name: g.name }))} defaultStart={`${today.slice(0, 7)}-01`} />
        ) : (
          <p className="text-sm text-slate-600">Admins and managers set quotas.</p>
        )}
        {quotas.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">No quotas yet.</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Quotas and attainment</caption>
              <thead>
                <tr className="border-b border-slate-200 text-slate-600">
                  {["For", "Period", "Revenue won", "Committed", "Gap", "Pace", "Deals won", "Calls", "Meetings", ""].map((h, i) => (
                    <th key={i} scope="col" className="px-3 py-2 font-medium">
                      {h || <span className="sr-only">Actions</span>}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {quotas.map((q, i) => {
                  const a = attained[i]!;
                  const who = nameOf.get(q.userId ?? q.groupId ?? "") ?? "—";
                  const label = `${who}, ${labelFor("QUOTA_PERIODS", q.period).toLowerCase()} from ${formatDay(q.start)}`;
                  const target = q.revenueTarget === null ? null : Number(q.revenueTarget);
                  const gap = target === null ? null : Math.max(0, target - Number(a.revenueWon) - Number(a.committed));
                  const of = (n: number, t: number | null) => (t === null ? formatCount(n) : `${formatCount(n)} / ${formatCount(t)}`);
                  return (
                    <tr key={q.id} className="border-b border-slate-100">
                      <th scope="row" className="px-3 py-2 font-medium text-slate-900">
                        {who}
                        {q.dealTypes.length ? <span className="block text-xs font-normal text-slate-600">{q.dealTypes.map((t) => labelFor("DEAL_TYPES", t)).join(", ")}</span> : null}
                      </th>
                      <td className="px-3 py-2">
                        {labelFor("QUOTA_PERIODS", q.period)}: {formatDay(q.start)} – {formatDay(q.end)}
                      </td>
                      <td className="px-3 py-2 tabular-nums">
                        {money(a.revenueWon)}
                        {target !== null ? <span className="text-slate-600"> / {money(q.revenueTarget!)}</span> : null}
                      </td>
                      <td className="px-3 py-2 tabular-nums">{money(a.committed)}</td>
                      <td className="px-3 py-2 tabular-nums">{gap === null ? "—" : money(String(gap))}</td>
                      <td className="px-3 py-2 tabular-nums">
                        {target ? `${formatPercent(Number(a.revenueWon) / target)} of target, ${formatPercent(elapsed(q.start, q.period))} of period` : "—"}
                      </td>
                      <td className="px-3 py-2 tabular-nums">{of(a.dealsWon, q.dealsTarget)}</td>
                      <td className="px-3 py-2 tabular-nums">{of(a.calls, q.callsTarget)}</td>
                      <td className="px-3 py-2 tabular-nums">{of(a.meetings, q.meetingsTarget)}</td>
                      <td className="px-3 py-2 text-right">{can(s.role, "quotas.manage") ? <DeleteQuotaButton quotaId={q.id} label={label} /> : null}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}
