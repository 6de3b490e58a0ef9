import type { Metadata } from "next";
import { AiSettingsForm } from "@/components/automations/ai-settings-form";
import { BackToSettings } from "@/components/settings/back-link";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { getAiSettings } from "@/lib/automations/ai-settings";

export const metadata: Metadata = { title: "AI" };

export default async function AiSettingsPage() {
  const s = await requirePageSession();
  if (!can(s.role, "automations.manage")) {
    return (
      <>
        <BackToSettings />
        <PageHeader title="AI" />
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">Only admins can see and change the AI settings. Ask an admin of {s.tenantName}.</p>
      </>
    );
  }
  const settings = await getAiSettings(s.ctx);
  return (
    <>
      <BackToSettings />
      <PageHeader title="AI" description="The OpenAI-compatible chat-completions endpoint that AI worker automations call. Without it, they fail with a clear error." />
      <AiSettingsForm initial={settings} />
    </>
  );
}
