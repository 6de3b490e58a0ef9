import type { Metadata } from "next";
import { AutomationForm } from "@/components/automations/automation-form";
import { DEFAULT_VALUES } from "@/components/automations/form-values";
import { PrivateNetworksBanner } from "@/components/automations/private-networks-banner";
import { AutomationsForbidden, BackTo } from "@/components/automations/shared";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { loadFormOptions } from "@/lib/automations/form-options";

export const metadata: Metadata = { title: "New automation" };

export default async function NewAutomationPage() {
  const s = await requirePageSession();
  if (!can(s.role, "automations.manage")) return <AutomationsForbidden title="New automation" tenantName={s.tenantName} adminOnly />;
  const options = await loadFormOptions(s.ctx);
  return (
    <>
      <BackTo href="/settings/automations" label="Automations" />
      <PageHeader title="New automation" description="When something happens to a record in scope and it matches the condition, the action runs — once per event." />
      <PrivateNetworksBanner />
      <AutomationForm initial={DEFAULT_VALUES} options={options} />
    </>
  );
}
