"use client";
// Settings → Email, under a mailbox with IMAP: its sync ledger (fetched, matched to records,
// skipped and why, errors, the last sync), "Sync now", "Resync from date" and, for a sync a
// rejected password paused, "Resume sync".
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { inputClass } from "@/components/ui/field";
import { actionMessage } from "@/lib/action-result";
import { updateMailboxAction } from "@/lib/email/actions";
import { resumeSyncAction, resyncFromAction, syncNowAction } from "@/lib/email/sync-actions";
import type { SyncLedger as Ledger } from "@/lib/email/sync-service";

const STATUS = { ACTIVE: ["Syncing", "green"], PAUSED: ["Paused", "red"], NOT_STARTED: ["Not synced yet", "neutral"] } as const;

export function SyncLedger({ mailboxId, address, ledger, canChange }: { mailboxId: string; address: string; ledger: Ledger; canChange: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [from, setFrom] = useState("");
  const [password, setPassword] = useState("");
  // after "Sync now", the page refreshes a few times while the worker runs it
  const [polls, setPolls] = useState(0);
  useEffect(() => {
    if (polls <= 0) return;
    const t = setTimeout(() => {
      router.refresh();
      setPolls((p) => p - 1);
    }, 1500);
    return () => clearTimeout(t);
  }, [polls, router]);

  const run = async (what: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      const failure = actionMessage((await what()) as never);
      if (failure) toast.error(failure);
      else {
        toast.success(done);
        setPolls(8);
      }
    } finally {
      setBusy(false);
      router.refresh();
    }
  };
  const [label, tone] = STATUS[ledger.status];
  const t = ledger.totals;
  const last = ledger.runs[0];
  return (
    <section aria-label={`Sync ledger of ${address}`} className="space-y-2 border-t border-slate-100 pt-2 text-sm">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="flex flex-wrap items-center gap-2 text-slate-700">
          <span className="font-medium text-slate-900">Incoming mail</span> <Badge tone={tone}>{label}</Badge>
          {ledger.lastSyncedAt ? (
            <span>
              Last sync <DateTime value={ledger.lastSyncedAt} />
            </span>
          ) : null}
          {ledger.since ? (
            <span className="text-slate-500">
              from <DateTime value={ledger.since} mode="absolute" />
            </span>
          ) : null}
        </p>
        {canChange ? (
          <div className="flex flex-wrap items-center gap-2">
            {ledger.status === "PAUSED" ? (
              <Button size="sm" disabled={busy} onClick={() => void run(() => resumeSyncAction({ id: mailboxId }), "Sync resumed")}>
                Resume sync
              </Button>
            ) : (
              <Button variant="secondary" size="sm" disabled={busy} onClick={() => void run(() => syncNowAction({ id: mailboxId }), "Sync started")} aria-label={`Sync ${address} now`}>
                Sync now
              </Button>
            )}
            <label className="flex items-center gap-1 text-xs text-slate-600">
              <span>Resync from</span>
              <input type="date" className={`${inputClass} h-8 w-36 py-0`} value={from} max={new Date().toISOString().slice(0, 10)} onChange={(e) => setFrom(e.target.value)} aria-label={`Resync ${address} from date`} />
            </label>
            <Button variant="secondary" size="sm" disabled={busy || !from} onClick={() => void run(() => resyncFromAction({ id: mailboxId, from }), `Resyncing from ${from}`)}>
              Resync
            </Button>
          </div>
        ) : null}
      </div>
      {ledger.error ? (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-red-800">
          {ledger.error}
        </p>
      ) : null}
      {ledger.status === "PAUSED" && canChange ? (
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              const r = await updateMailboxAction({ id: mailboxId, patch: { imapPassword: password } });
              if (actionMessage(r)) return r;
              setPassword("");
              return syncNowAction({ id: mailboxId });
            }, "Password saved: the sync resumes");
          }}
        >
          <label className="flex items-center gap-1 text-xs text-slate-600">
            <span>New IMAP app password</span>
            <input type="password" autoComplete="new-password" className={`${inputClass} h-8 w-48 py-0`} value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <Button size="sm" type="submit" disabled={busy || !password}>
            Save and resume
          </Button>
        </form>
      ) : null}
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-slate-700 sm:grid-cols-3" aria-label="Sync totals">
        <Fact label="Fetched" value={t.fetched} />
        <Fact label="Matched to records" value={t.matched} />
        <Fact label="Errors" value={t.errors} />
        <Fact label="Skipped: no matching contact" value={t.skippedNoContact} />
        <Fact label="Skipped: excluded domain" value={t.skippedExcluded} />
        <Fact label="Skipped: duplicate" value={t.skippedDuplicate} />
      </dl>
      {ledger.runs.length ? (
        <details>
          <summary className="cursor-pointer text-xs text-slate-600">
            Recent syncs{last?.error ? ` (last: ${last.error})` : ""}
          </summary>
          <table className="mt-1 w-full text-xs">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="font-normal">Started</th>
                <th className="font-normal">Fetched</th>
                <th className="font-normal">Matched</th>
                <th className="font-normal">Skipped (no contact / excluded / duplicate)</th>
                <th className="font-normal">Errors</th>
              </tr>
            </thead>
            <tbody>
              {ledger.runs.map((r) => (
                <tr key={r.id}>
                  <td>
                    <DateTime value={r.startedAt} />
                  </td>
                  <td>{r.fetched}</td>
                  <td>{r.matched}</td>
                  <td>
                    {r.skippedNoContact} / {r.skippedExcluded} / {r.skippedDuplicate}
                  </td>
                  <td title={r.error ?? undefined}>{r.errors}{r.error ? ` — ${r.error}` : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </section>
  );
}

function Fact({ label, value }: { label: string; value: number }) {
  return (
    <div className="flex justify-between gap-2 border-b border-slate-50">
      <dt className="text-slate-500">{label}</dt>
      <dd className="font-medium tabular-nums" data-testid={`ledger-${label.toLowerCase().replace(/[^a-z]+/g, "-")}`}>
        {value}
      </dd>
    </div>
  );
}
