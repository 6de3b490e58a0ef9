import type { Metadata } from "next";
import Link from "next/link";
import { BackToSettings } from "@/components/settings/back-link";
import { MailboxDialog } from "@/components/email/mailbox-dialog";
import { MailboxList } from "@/components/email/mailbox-list";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { listMailboxes } from "@/lib/email/mailboxes";
import { getEmailSyncSettings, getSyncLedger } from "@/lib/email/sync-service";
import { EmailSyncSettingsForm } from "@/components/email/email-sync-settings";
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
  const ledgers = Object.fromEntries(await Promise.all(mailboxes.filter((m) => m.imapHost).map(async (m) => [m.id, await getSyncLedger(s.ctx, m.id)] as const)));
  const isAdmin = can(s.role, "settings.manage");
  const syncSettings = isAdmin ? await getEmailSyncSettings(s.ctx) : null;
  return (
    <>
      <BackToSettings />
      <PageHeader
        title="Email"
        description="The mailboxes you send from: your own, and the workspace's shared ones. Emails sent from a record are logged on its timeline; with IMAP, mail to and from your contacts is synced to theirs."
        actions={<MailboxDialog canShare={can(s.role, "settings.manage")} />}
      />
      <MailboxList mailboxes={mailboxes} userId={s.ctx.actor.userId ?? ""} isAdmin={isAdmin} ledgers={ledgers} />
      {syncSettings ? <EmailSyncSettingsForm initial={syncSettings} /> : null}
      <SendSettingsForm settings={sending} canEdit={isAdmin} />
      {can(s.role, "emailSuppressions.read") ? (
        <section aria-labelledby="suppression-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="suppression-heading" className="font-semibold text-slate-900">
            Suppression list
          </h2>
          <p className="mt-1 text-sm text-slate-600">Addresses that unsubscribed, bounced, complained or were erased get no campaign or sequence email.</p>
          <Link href="/settings/email/suppression" className="mt-2 inline-block text-sm font-medium text-brand-700 hover:underline">
            Open the suppression list
          </Link>
        </section>
      ) : null}
    </>
  );
}
