"use client";
// Settings → Email: each mailbox with its last check, "Send test email", "Check connection" and remove.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { DateTime } from "@/components/ui/date-time";
import { actionMessage } from "@/lib/action-result";
import { checkMailboxAction, deleteMailboxAction } from "@/lib/email/actions";
import type { MailboxView } from "@/lib/email/mailboxes";
import type { SyncLedger as Ledger } from "@/lib/email/sync-service";
import { SyncLedger } from "./sync-ledger";

function MailboxCard({ m, canChange, ledger }: { m: MailboxView; canChange: boolean; ledger: Ledger | null }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const check = async (sendTest: boolean) => {
    setBusy(true);
    try {
      const r = await checkMailboxAction({ id: m.id, sendTest });
      const failure = actionMessage(r);
      if (failure) toast.error(failure);
      else if (r?.data?.ok) toast.success(sendTest ? `Test email sent to ${m.emailAddress}` : "The SMTP server accepted the login");
      else toast.error(r?.data?.error ?? "The check failed");
    } finally {
      setBusy(false);
      router.refresh();
    }
  };
  return (
    <li className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby={`mailbox-${m.id}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`mailbox-${m.id}`} className="font-medium text-slate-900">
          {m.displayName ? `${m.displayName} <${m.emailAddress}>` : m.emailAddress} {m.shared ? <Badge>Shared</Badge> : <Badge tone="green">Yours</Badge>}
        </h2>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" size="sm" disabled={busy} onClick={() => void check(false)} aria-label={`Check connection of ${m.emailAddress}`}>
            Check connection
          </Button>
          <Button variant="secondary" size="sm" disabled={busy} onClick={() => void check(true)} aria-label={`Send test email from ${m.emailAddress}`}>
            Send test email
          </Button>
          {canChange ? (
            <ConfirmButton
              label="Remove"
              ariaLabel={`Remove mailbox ${m.emailAddress}`}
              title={`Remove ${m.emailAddress}?`}
              description="Emails can no longer be sent through it. One that has sent emails stays for their history."
              confirmLabel="Remove mailbox"
              variant="danger"
              onConfirm={async () => {
                const failure = actionMessage(await deleteMailboxAction({ id: m.id }));
                if (failure) {
                  toast.error(failure);
                  return false;
                }
                router.refresh();
                return true;
              }}
            />
          ) : null}
        </div>
      </div>
      <p className="text-sm text-slate-600">
        SMTP {m.smtpHost}:{m.smtpPort} ({m.smtpSecurity}) as {m.smtpUsername}
        {m.imapHost ? ` · IMAP ${m.imapHost}:${m.imapPort} (${m.imapSecurity})` : ""}
      </p>
      {m.checkError ? (
        <p role="status" className="rounded-md bg-red-50 p-2 text-sm text-red-800">
          Last check failed{m.checkedAt ? <> (<DateTime value={m.checkedAt} />)</> : null}: {m.checkError}
        </p>
      ) : m.checkedAt ? (
        <p role="status" className="text-sm text-emerald-700">
          Connection checked <DateTime value={m.checkedAt} />
        </p>
      ) : (
        <p className="text-sm text-slate-500">Not checked yet.</p>
      )}
      {ledger ? <SyncLedger mailboxId={m.id} address={m.emailAddress} ledger={ledger} canChange={canChange} /> : null}
    </li>
  );
}

export function MailboxList({ mailboxes, userId, isAdmin, ledgers = {} }: { mailboxes: MailboxView[]; userId: string; isAdmin: boolean; ledgers?: Record<string, Ledger> }) {
  if (!mailboxes.length) {
    return (
      <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-700">
        <p className="font-medium text-slate-900">No mailbox connected yet.</p>
        <p>To send email from contacts, leads and deals, connect the mailbox you send from:</p>
        <ol className="list-decimal space-y-1 pl-5">
          <li>Find your provider&apos;s SMTP settings (for Gmail: smtp.gmail.com, port 465 with TLS; for Microsoft 365: smtp.office365.com, port 587 with STARTTLS).</li>
          <li>Create an app password in your provider&apos;s account security settings if it uses two-step sign-in.</li>
          <li>Choose &ldquo;Connect a mailbox&rdquo;, enter them, and send yourself a test email.</li>
        </ol>
      </div>
    );
  }
  return (
    <ul className="space-y-4">
      {mailboxes.map((m) => (
        <MailboxCard key={m.id} m={m} canChange={m.shared ? isAdmin : m.ownerUserId === userId} ledger={ledgers[m.id] ?? null} />
      ))}
    </ul>
  );
}
