import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AutomationAdminActions } from "@/components/automations/automation-admin-actions";
import { AutomationForm } from "@/components/automations/automation-form";
import { LiveExecutions } from "@/components/automations/live-executions";
import { DryRunPanel } from "@/components/automations/dry-run-panel";
import { ExecutionsTable } from "@/components/automations/executions-table";
import { fromAutomation } from "@/components/automations/form-values";
import { actionTypeLabel, percent, scopeLabel, triggerLabel } from "@/components/automations/labels";
import { AutomationsForbidden, BackTo, StatusBadge } from "@/components/automations/shared";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { listExecutions } from "@/lib/automations/executions";
import { listAutomations } from "@/lib/automations/service";
import { loadFormOptions } from "@/lib/automations/form-options";

export const metadata: Metadata = { title: "Automation" };

const RECENT = 20;

export default async function AutomationPage({ params }: { params: Promise<{ id: string }> }) {
  const s = await requirePageSession();
  if (!can(s.role, "automations.read")) return <AutomationsForbidden title="Automation" tenantName={s.tenantName} />;
  const { id } = await params;
  const canManage = can(s.role, "automations.manage");
  const a = (await listAutomations(s.ctx)).find((x) => x.id === id);
  if (!a) notFound();
  const [options, executions] = await Promise.all([loadFormOptions(s.ctx), listExecutions(s.ctx, { automationId: id, limit: RECENT })]);
  return (
    <>
      <BackTo href="/settings/automations" label="Automations" />
      <PageHeader
        title={a.name}
        description={`${triggerLabel(a.triggerEvent)} · ${scopeLabel(a.scopeType)}: ${a.targetLabel} · ${actionTypeLabel(a.actionType)}${canManage ? "" : " · only admins can change it"}`}
        actions={canManage ? <AutomationAdminActions id={a.id} name={a.name} isWebhook={a.actionType === "WEBHOOK"} /> : null}
      />
      <p className="mb-4 flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <Badge tone={a.enabled ? "green" : "neutral"}>{a.enabled ? "Enabled" : "Disabled"}</Badge>
        Last run: {a.lastRun ? <StatusBadge status={a.lastRun.status} /> : "never"} · 7-day success {percent(a.successRate7d)} of {a.runs7d} run{a.runs7d === 1 ? "" : "s"}
      </p>
      <AutomationForm automationId={a.id} initial={fromAutomation(a, a.scopeType === "RECORD" ? a.targetLabel : "")} options={options} readOnly={!canManage} />
      <DryRunPanel
        options={options}
        highlightId={a.id}
        preset={{ entityType: a.entityType, triggerEvent: a.triggerEvent, fromStageId: a.fromStageId ?? undefined, toStageId: a.toStageId ?? (a.scopeType === "PIPELINE_STAGE" && a.triggerEvent === "stage.entered" ? (a.stageId ?? undefined) : undefined) }}
      />
      <section aria-labelledby="executions-heading" className="mt-6 space-y-2">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <h2 id="executions-heading" className="text-base font-semibold text-slate-900">
            Recent executions
          </h2>
          <Link href={`/settings/automations/executions?automationId=${a.id}`} className="text-sm text-brand-700 hover:underline">
            All executions of this automation
          </Link>
        </div>
        <LiveExecutions automationId={a.id} />
        <ExecutionsTable showAutomation={false} canManage={canManage} rows={executions.data} />
      </section>
    </>
  );
}
