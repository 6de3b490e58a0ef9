"use client";
// A synced (IMAP) email on a record's timeline: who wrote to whom, and "Open" to read it.
// The HTML was sanitised on the server when it was stored (lib/email/sanitize.ts); it is shown
// in a sandboxed frame (no scripts, no same origin) from app/email-frame, whose CSP runs no
// script; its remote images load only after "Show images" (their address waits in
// data-remote-src until then).
import { Paperclip } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { Modal } from "@/components/ui/dialog";
import { actionMessage } from "@/lib/action-result";
import { formatBytes } from "@/lib/format/bytes";
import { syncedEmailAction } from "@/lib/email/sync-actions";
import type { SyncedEmailView } from "@/lib/email/sync-service";
import type { TimelineSyncedEmail } from "@/lib/timeline/types";

export function SyncedEmailFacts({ email, subject }: { email: TimelineSyncedEmail; subject: string }) {
  return (
    <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600" aria-label="Synced email">
      <Badge tone={email.direction === "INBOUND" ? "brand" : "neutral"}>{email.direction === "INBOUND" ? "Received" : "Sent"}</Badge>
      <span>
        From {email.fromName ? `${email.fromName} <${email.from}>` : email.from} · To {email.to.join(", ")}
        {email.cc.length ? ` · Cc ${email.cc.join(", ")}` : ""}
      </span>
      {email.attachments ? (
        <span className="inline-flex items-center gap-0.5">
          <Paperclip className="size-3" aria-hidden /> {email.attachments}
        </span>
      ) : null}
      {email.visibility === "FULL" ? <SyncedEmailDialog id={email.id} subject={subject} /> : <span className="italic">Only its owner sees the message</span>}
    </div>
  );
}


function SyncedEmailDialog({ id, subject }: { id: string; subject: string }) {
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState<SyncedEmailView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [images, setImages] = useState(false);
  const load = async (o: boolean) => {
    setOpen(o);
    if (!o || email) return;
    const r = await syncedEmailAction({ id });
    const failure = actionMessage(r);
    if (failure || !r?.data) setError(failure ?? "The email could not be loaded");
    else setEmail(r.data);
  };
  return (
    <Modal
      open={open}
      onOpenChange={(o) => void load(o)}
      title={subject}
      className="max-w-3xl"
      trigger={
        <Button variant="secondary" size="sm" aria-label={`Open email ${subject}`}>
          Open
        </Button>
      }
    >
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      {!email && !error ? <p className="text-sm text-slate-500">Loading…</p> : null}
      {email ? (
        <div className="space-y-3 text-sm">
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-slate-700">
            <dt className="text-slate-500">From</dt>
            <dd>{email.fromName ? `${email.fromName} <${email.from}>` : email.from}</dd>
            <dt className="text-slate-500">To</dt>
            <dd>{email.to.join(", ")}</dd>
            {email.cc.length ? (
              <>
                <dt className="text-slate-500">Cc</dt>
                <dd>{email.cc.join(", ")}</dd>
              </>
            ) : null}
            <dt className="text-slate-500">Date</dt>
            <dd>
              <DateTime value={email.sentAt} mode="absolute" />
            </dd>
          </dl>
          {email.html ? (
            <>
              {email.hasRemoteImages && !images ? (
                <p className="flex items-center gap-2 rounded-md bg-amber-50 p-2 text-amber-900">
                  Remote images are blocked, so the sender cannot tell you opened it.
                  <Button size="sm" variant="secondary" onClick={() => setImages(true)}>
                    Show images
                  </Button>
                </p>
              ) : null}
              {/* its own document (app/email-frame): a CSP that runs no script, remote images only with ?images=1 */}
              <iframe
                key={images ? "images" : "plain"}
                title={`Email: ${email.subject}`}
                sandbox="allow-popups allow-popups-to-escape-sandbox"
                referrerPolicy="no-referrer"
                className="h-96 w-full rounded border border-slate-200 bg-white"
                src={`/email-frame/${email.id}${images ? "?images=1" : ""}`}
              />
            </>
          ) : (
            <pre className="max-h-96 overflow-auto whitespace-pre-wrap rounded border border-slate-200 p-2 font-sans text-slate-800">{email.text}</pre>
          )}
          {email.truncated ? <p className="text-xs text-slate-500">This message was long: only its beginning was kept.</p> : null}
          {email.attachments.length ? (
            <div>
              <p className="font-medium text-slate-800">Attachments</p>
              <ul aria-label="Attachments" className="text-slate-700">
                {email.attachments.map((a, i) => (
                  <li key={i} className="flex items-center gap-1">
                    <Paperclip className="size-3" aria-hidden /> {a.filename ?? "(unnamed)"} <span className="text-slate-500">({a.contentType}, {formatBytes(a.size)})</span>
                  </li>
                ))}
              </ul>
              <p className="text-xs text-slate-500">Attachments stay in the mailbox; they are listed here, not stored.</p>
            </div>
          ) : null}
        </div>
      ) : null}
    </Modal>
  );
}
