import type { Metadata } from "next";
import { BackToSettings } from "@/components/settings/back-link";
import { TemplateDialog } from "@/components/email/template-dialog";
import { TemplateList } from "@/components/email/template-list";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { listTemplates } from "@/lib/email/templates";

export const metadata: Metadata = { title: "Email templates" };

export default async function EmailTemplatesPage() {
  const s = await requirePageSession();
  const canManage = can(s.role, "emailTemplates.manage");
  return (
    <>
      <BackToSettings />
      <PageHeader
        title="Email templates"
        description="Reusable emails for the Send email dialog of contacts, leads and deals, filled in with the record's values."
        actions={canManage ? <TemplateDialog /> : undefined}
      />
      <TemplateList templates={await listTemplates(s.ctx)} canManage={canManage} />
    </>
  );
}
