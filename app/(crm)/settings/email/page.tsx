import type { Metadata } from "next";
import { BackToSettings } from "@/components/settings/back-link";
import { MailboxDialog } from "@/components/email/mailbox-dialog";
import { MailboxList } from "@/components/email/mailbox-list";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { listMailboxes } from "@/lib/email/mailboxes";
import { getSendSettings } from "@/lib/email/send-settings";
import { SendSettingsForm } from "@/components/email/send-settings-form";

export const metadata: Metadata = { title: "Email" };

export default async function EmailSettingsPage() {
  const s = await requirePageSession();
  if (!can(s.role, "email.send")) {
    return (
      <>
        <BackToSettings />
        <PageHeader title="Email" />
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">Your role does not send email. Ask an admin of {s.tenantName}.</p>
      </>
    );
  }
  const [mailboxes, sending] = await Promise.all([listMailboxes(s.ctx), getSendSettings(s.ctx)]);
  return (
    <>
      <BackToSettings />
      <PageHeader
        title="Email"
        description="The mailboxes you send from: your own, and the workspace's shared ones. Emails sent from a record are logged on its timeline."
        actions={<MailboxDialog canShare={can(s.role, "settings.manage")} />}
      />
      <MailboxList mailboxes={mailboxes} userId={s.ctx.actor.userId ?? ""} isAdmin={can(s.role, "settings.manage")} />
      <SendSettingsForm settings={sending} canEdit={can(s.role, "settings.manage")} />
    </>
  );
}
