import type { Metadata } from "next";
import Link from "next/link";
import { LiveExecutions } from "@/components/automations/live-executions";
import { ExecutionFilters } from "@/components/automations/execution-filters";
import { ExecutionsTable } from "@/components/automations/executions-table";
import { sinceOf } from "@/components/automations/labels";
import { AutomationsForbidden, BackTo, linkButton } from "@/components/automations/shared";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { listExecutions } from "@/lib/automations/executions";
import { executionUrl, loadExecutionUrl } from "@/lib/automations/execution-url";
import { executionsQuerySchema } from "@/lib/automations/schemas";
import { listAutomations } from "@/lib/automations/service";

export const metadata: Metadata = { title: "Execution log" };

const PATH = "/settings/automations/executions";

export default async function ExecutionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const s = await requirePageSession();
  if (!can(s.role, "automations.read")) return <AutomationsForbidden title="Execution log" tenantName={s.tenantName} />;
  const url = loadExecutionUrl(await searchParams);
  const sp = Object.fromEntries(Object.entries(url).filter(([, v]) => v !== null)) as Partial<Record<keyof typeof url, string>>;
  // A bad parameter (hand-edited URL) is dropped rather than failing the page.
  const q = executionsQuerySchema.safeParse({ status: sp.status, automationId: sp.automationId, entityType: sp.entityId ? sp.entityType : undefined, entityId: sp.entityId, since: sinceOf(sp.range), cursor: sp.cursor });
  const query = q.success ? q.data : { limit: 50 };
  const [page, automations] = await Promise.all([listExecutions(s.ctx, query), listAutomations(s.ctx)]);
  return (
    <>
      <BackTo href="/settings/automations" label="Automations" />
      <PageHeader title="Execution log" description="Every run of every automation, newest first. Open one to see its request, response and attempts." />
      <ExecutionFilters automations={automations.map((a) => ({ id: a.id, name: a.name }))} />
      {q.success ? null : <p role="alert" className="mb-3 text-sm text-red-600">Some filters in the address were not understood and are ignored.</p>}
      <LiveExecutions />
      <ExecutionsTable rows={page.data} canManage={can(s.role, "automations.manage")} />
      <div className="mt-3 flex gap-2">
        {sp.cursor ? (
          <Link href={executionUrl(PATH, { ...url, cursor: null })} className={linkButton("secondary")}>
            Newest
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link href={executionUrl(PATH, { ...url, cursor: page.nextCursor })} className={linkButton("secondary")}>
            Older
          </Link>
        ) : null}
      </div>
    </>
  );
}
