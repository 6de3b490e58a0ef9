import { History, Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { AutomationsTable } from "@/components/automations/automations-table";
import { DryRunPanel } from "@/components/automations/dry-run-panel";
import { PrivateNetworksBanner } from "@/components/automations/private-networks-banner";
import { AutomationsForbidden, linkButton } from "@/components/automations/shared";
import { BackToSettings } from "@/components/settings/back-link";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { listAutomations } from "@/lib/automations/service";
import { loadFormOptions } from "@/lib/automations/form-options";

export const metadata: Metadata = { title: "Automations" };

export default async function AutomationsPage() {
  const s = await requirePageSession();
  if (!can(s.role, "automations.read")) return <AutomationsForbidden title="Automations" tenantName={s.tenantName} />;
  const canManage = can(s.role, "automations.manage");
  const [automations, options] = await Promise.all([listAutomations(s.ctx), loadFormOptions(s.ctx)]);
  return (
    <>
      <BackToSettings />
      <PageHeader
        title="Automations"
        description={
          canManage
            ? "Rules that call a webhook, run workflow steps, publish an event or ask the AI when something happens to a record. Lower priority runs first."
            : "The automations of this workspace and how they run. Only admins can change them."
        }
        actions={
          <>
            <Link href="/settings/automations/executions" className={linkButton("secondary")}>
              <History className="size-4" aria-hidden /> Execution log
            </Link>
            {canManage ? (
              <Link href="/settings/automations/new" className={linkButton()}>
                <Plus className="size-4" aria-hidden /> New automation
              </Link>
            ) : null}
          </>
        }
      />
      <PrivateNetworksBanner />
      <AutomationsTable
        canManage={canManage}
        rows={automations.map((a) => ({
          id: a.id,
          name: a.name,
          entityType: a.entityType,
          scopeType: a.scopeType,
          targetLabel: a.targetLabel,
          triggerEvent: a.triggerEvent,
          actionType: a.actionType,
          enabled: a.enabled,
          priority: a.priority,
          lastRun: a.lastRun ? { status: a.lastRun.status, at: new Date(a.lastRun.at).toISOString() } : null,
          runs7d: a.runs7d,
          successRate7d: a.successRate7d,
        }))}
      />
      {automations.length > 0 ? <DryRunPanel options={options} /> : null}
    </>
  );
}
