import type { Metadata } from "next";
import { headers } from "next/headers";
import { BackToSettings } from "@/components/settings/back-link";
import { CreateWebFormDialog } from "@/components/settings/web-forms/create-web-form-dialog";
import { WebFormList } from "@/components/settings/web-forms/web-form-list";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { webFormSnippet } from "@/lib/leads/web-form-snippet";
import { listWebForms, serializeWebForm } from "@/lib/leads/web-forms";

export const metadata: Metadata = { title: "Web forms" };

/** The app's public origin: AUTH_URL, else the host this page was asked for. */
async function publicOrigin(): Promise<string> {
  if (env.AUTH_URL) return new URL(env.AUTH_URL).origin;
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host") ?? "localhost"}`;
}

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
