import type { Metadata } from "next";
import { asc, eq, sql } from "drizzle-orm";
import { QuotaAttainmentView } from "@/components/dashboards/quota-attainment";
import { RepPerformanceView } from "@/components/dashboards/rep-performance";
import { TeamFilters } from "@/components/dashboards/team-filters";
import { PageHeader } from "@/components/shell/page-header";
import { tenantGroups } from "@/db/schema";
import { requirePageSession } from "@/lib/auth/session";
import { repPerformance, teamAttainment } from "@/lib/dashboards/team";
import { loadTeamUrl, teamPeriod } from "@/lib/dashboards/team-url";
import { formatDay } from "@/lib/format/dates";
import { withTenant } from "@/lib/tenancy/with-tenant";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const s = await requirePageSession();
  const url = loadTeamUrl(await searchParams);
  const period = teamPeriod(url);
  const [team, report, groups] = await Promise.all([
    teamAttainment(s.ctx),
    repPerformance(s.ctx, { preset: period.preset, from: period.from, to: period.to, groupId: url.group }),
    withTenant(s.ctx, (tx) => tx.select({ id: tenantGroups.id, name: tenantGroups.name }).from(tenantGroups).where(eq(tenantGroups.tenantId, s.ctx.tenantId)).orderBy(asc(sql`lower(${tenantGroups.name})`))),
  ]);
  return (
    <div className="space-y-6">
      <PageHeader title="Team" description="Each rep's quota this period and how the team performed. Figures cover the records you may see." />
      <section aria-labelledby="team-quotas" className="space-y-3">
        <h2 id="team-quotas" className="text-base font-semibold">
          Quota attainment <span className="font-normal text-slate-500">· today {formatDay(team.today)} ({team.timeZone})</span>
        </h2>
        <QuotaAttainmentView title="Won and committed against target, with today's pace" team={team} bare={false} />
        <p className="text-xs text-slate-500">Won: deals whose stage became won in the quota&apos;s period. Committed: open deals closing in it, weighted by probability. Pace: the target × the share of the period gone by today.</p>
      </section>
      <section aria-labelledby="team-performance" className="space-y-3">
        <h2 id="team-performance" className="text-base font-semibold">
          Rep performance{" "}
          <span className="font-normal text-slate-500">
            · {formatDay(report.from)} – {formatDay(report.to)} ({report.timeZone})
          </span>
        </h2>
        <TeamFilters groups={groups} />
        {period.error ? (
          <p role="alert" className="rounded-md bg-amber-50 p-2 text-sm text-amber-800">
            {period.error}
          </p>
        ) : null}
        <RepPerformanceView report={report} />
        <p className="text-xs text-slate-500">Activities: those each rep logged in the period. Deals: those they own — created in the period, or won or lost in it (by close time). Win rate: won ÷ (won + lost). Cycle: days from creation to won. Leads converted: their leads converted in the period.</p>
      </section>
    </div>
  );
}
