import type { Metadata } from "next";
import { BackToSettings } from "@/components/settings/back-link";
import { CreateWebFormDialog } from "@/components/settings/web-forms/create-web-form-dialog";
import { WebFormList } from "@/components/settings/web-forms/web-form-list";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { webFormSnippet } from "@/lib/leads/web-form-snippet";
import { listWebForms, serializeWebForm } from "@/lib/leads/web-forms";
import { publicOrigin } from "@/lib/public-origin";

export const metadata: Metadata = { title: "Web forms" };

export default async function WebFormsSettingsPage() {
  const s = await requirePageSession();
  if (!can(s.role, "settings.manage")) {
    return (
      <>
        <BackToSettings />
        <PageHeader title="Web forms" />
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">Only admins can manage web forms. Ask an admin of {s.tenantName}.</p>
      </>
    );
  }
  const origin = await publicOrigin();
  const forms = (await listWebForms(s.ctx)).map((f) => ({ ...serializeWebForm(f), publicUrl: `${origin}/f/${f.key}`, snippet: webFormSnippet(f, origin) }));
  return (
    <>
      <BackToSettings />
      <PageHeader
        title="Web forms"
        description="Forms on your website, or on a hosted page, whose submissions become leads with the page's UTM values, routed by the assignment rules."
        actions={<CreateWebFormDialog />}
      />
      <WebFormList forms={forms} />
    </>
  );
}
