// The worker's side of the IMAP sync (lib/email/sync.ts):
// - `email_sync_sweep` (every minute, EMAIL_SYNC_CRONTAB) queues `sync_mailbox` for each
//   mailbox with IMAP whose sync is not paused, one waiting job per mailbox (its job key,
//   shared with "Sync now": migration email_sync).
// - `sync_mailbox` { tenantId, mailboxId } syncs it; a sync already running for the mailbox
//   (its lease) makes this one a no-op.
import "server-only";
import { sql } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { db } from "@/db/client";
import { mailboxesToSync, syncMailbox } from "./sync";

export const EMAIL_SYNC_CRONTAB = "* * * * * email_sync_sweep ?id=email_sync_sweep";

export const emailSyncSweepTask: Task = async (_payload, helpers) => {
  // worker_tenant_ids() (SECURITY DEFINER, migration 0008) lists tenants without reading any tenant's rows
  const tenants = await db().execute<{ id: string }>(sql`select worker_tenant_ids() as id`);
  for (const m of await mailboxesToSync(tenants.map((t) => t.id))) {
    await helpers.addJob("sync_mailbox", m, { jobKey: `mailbox-sync:${m.mailboxId}`, jobKeyMode: "preserve_run_at", maxAttempts: 1 });
  }
};

export const syncMailboxTask: Task = async (payload, helpers) => {
  const { tenantId, mailboxId } = payload as { tenantId: string; mailboxId: string };
  const r = await syncMailbox(tenantId, mailboxId);
  if (r.status === "failed" || r.status === "paused") helpers.logger.warn(`mailbox ${mailboxId} sync ${r.status}: ${r.error ?? ""}`);
};
