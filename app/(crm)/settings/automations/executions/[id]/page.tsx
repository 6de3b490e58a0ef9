import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LiveExecutions } from "@/components/automations/live-executions";
import { actionTypeLabel, entitySingular, recordHref, triggerLabel } from "@/components/automations/labels";
import { RetryButton } from "@/components/automations/retry-button";
import { AutomationsForbidden, BackTo, StatusBadge } from "@/components/automations/shared";
import { MaybeDateTime } from "@/components/ui/date-time";
import { formatDuration } from "@/lib/format/durations";
import { PageHeader } from "@/components/shell/page-header";
import { CodeBlock } from "@/components/ui/code-block";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { getExecutionDetail } from "@/lib/automations/executions";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Execution" };

const pre = "max-h-96 p-3";
const card = "space-y-2 rounded-lg border border-slate-200 bg-white p-4";
const pretty = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v, null, 2));

export default async function ExecutionPage({ params }: { params: Promise<{ id: string }> }) {
  const s = await requirePageSession();
  if (!can(s.role, "automations.read")) return <AutomationsForbidden title="Execution" tenantName={s.tenantName} />;
  const { id } = await params;
  const x = await getExecutionDetail(s.ctx, id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not-found") notFound();
    throw err;
  });
  const facts: [string, React.ReactNode][] = [
    ["Status", <StatusBadge key="s" status={x.status} />],
    ["Automation", <Link key="a" href={`/settings/automations/${x.automationId}`} className="text-brand-700 hover:underline">{x.automationName}</Link>],
    ["Action", actionTypeLabel(x.actionType)],
    ["Trigger", triggerLabel(x.triggerEvent)],
    ["Record", <Link key="r" href={recordHref(x.entityType, x.entityId)} className="text-brand-700 hover:underline">{x.entityTitle ?? `${entitySingular(x.entityType)} ${x.entityId} (deleted)`}</Link>],
    ["Execution key", <code key="k" className="text-xs break-all">{x.executionKey}</code>],
    ["Attempts", x.attempts],
    ["Response code", <span key="c" data-testid="execution-response-code">{x.responseCode ?? "—"}</span>],
    ["Triggered", <MaybeDateTime key="t" value={x.triggeredAt} mode="absolute" precise />],
    ["Started", <MaybeDateTime key="st" value={x.startedAt} mode="absolute" precise />],
    ["Completed", <MaybeDateTime key="c" value={x.completedAt} mode="absolute" precise />],
  ];
  return (
    <>
      <BackTo href="/settings/automations/executions" label="Execution log" />
      <PageHeader title={`Execution of ${x.automationName}`} actions={x.status === "FAILED" && can(s.role, "automations.manage") ? <RetryButton executionId={x.id} /> : null} />
      <LiveExecutions executionId={x.id} />
      <div className="space-y-4">
        <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[max-content_1fr]">
          {facts.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="font-medium text-slate-600">{k}</dt>
              <dd className="text-slate-900">{v}</dd>
            </div>
          ))}
        </dl>
        {x.errorMessage ? (
          <section className={card} aria-labelledby="x-error">
            <h2 id="x-error" className="font-semibold text-slate-900">Error</h2>
            <p role="alert" className="text-sm text-red-700">{x.errorMessage}</p>
          </section>
        ) : null}
        <section className={card} aria-labelledby="x-attempts">
          <h2 id="x-attempts" className="font-semibold text-slate-900">Attempts</h2>
          {x.attemptLog.length === 0 ? (
            <p className="text-sm text-slate-600">No attempt yet.</p>
          ) : (
            <table className="min-w-full text-sm">
              <caption className="sr-only">Attempts of this execution</caption>
              <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="py-1 pr-4">#</th>
                  <th scope="col" className="py-1 pr-4">Started</th>
                  <th scope="col" className="py-1 pr-4">Duration</th>
                  <th scope="col" className="py-1 pr-4">Response</th>
                  <th scope="col" className="py-1">Error</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {x.attemptLog.map((t) => (
                  <tr key={t.attemptNo}>
                    <td className="py-1 pr-4">{t.attemptNo}</td>
                    <td className="py-1 pr-4 whitespace-nowrap"><MaybeDateTime value={t.startedAt} mode="absolute" precise />
                    </td>
                    <td className="py-1 pr-4">{t.durationMs == null ? "—" : formatDuration(t.durationMs)}</td>
                    <td className="py-1 pr-4 font-mono text-xs">{t.responseCode ?? "—"}</td>
                    <td className="py-1 text-red-700">{t.errorMessage ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className={card} aria-labelledby="x-request">
          <h2 id="x-request" className="font-semibold text-slate-900">Request</h2>
          {x.request ? <CodeBlock className={pre}>{pretty(x.request)}</CodeBlock> : <p className="text-sm text-slate-600">Not sent yet.</p>}
        </section>
        <section className={card} aria-labelledby="x-response">
          <h2 id="x-response" className="font-semibold text-slate-900">Response</h2>
          {x.responseBody ? <CodeBlock className={pre}>{x.responseBody}</CodeBlock> : <p className="text-sm text-slate-600">No response body.</p>}
        </section>
        <section className={card} aria-labelledby="x-event">
          <h2 id="x-event" className="font-semibold text-slate-900">Event</h2>
          {x.event ? (
            <>
              <p className="text-sm text-slate-700">
                <code className="text-xs">{x.event.type}</code> at <MaybeDateTime value={x.event.occurredAt} mode="absolute" precise />
              </p>
              <CodeBlock className={pre}>{pretty(x.event.payload)}</CodeBlock>
            </>
          ) : (
            <p className="text-sm text-slate-600">The event is no longer stored.</p>
          )}
        </section>
      </div>
    </>
  );
}
