// The background worker: the outbox relay (lib/events/relay.ts) dispatches committed
// domain events to their consumers, and graphile-worker (a Postgres job queue) runs the
// automation executions the dispatch creates (each queued by its row's trigger), list
// refreshes and the periodic sweeps (lists, stuck executions, old sign-in throttle rows).
// Everything here acts as the system (systemActor, lib/tenancy/context.ts): past the access
// scopes of issue 15, never past the tenant's own RLS.
import "server-only";
import { Logger, run, type Runner, type TaskList } from "graphile-worker";
import { viaLocalSocket } from "@/db/local-socket";
import { env } from "@/lib/env";
import { dispatchEvent, registerConsumer } from "@/lib/events/dispatcher";
import { startRelay } from "@/lib/events/relay";
import { notifyWatchersConsumer } from "@/lib/watchers/notify-consumer";
import { dynamicListsConsumer } from "@/lib/lists/consumer";
import { LISTS_CRONTAB, listsSweepTask, refreshTenantListsTask } from "@/lib/lists/tasks";
import { automationsConsumer } from "@/lib/automations/dispatch";
import { AUTOMATIONS_CRONTAB, recoverExecutions, runExecution } from "@/lib/automations/run";
import { sweepThrottles, THROTTLE_CRONTAB } from "@/lib/auth/throttle";
import { log, scrubText } from "@/lib/log";
import { leadScoringConsumer } from "@/lib/scoring/consumer";
import { rescoreLeadsTask } from "@/lib/scoring/tasks";
import { IMPORTS_CRONTAB, runImport, sweepImports } from "@/lib/imports/run";
import { sendQueuedEmail } from "@/lib/email/send";
import { closePooledTransports } from "@/lib/email/smtp";
import { EMAIL_SYNC_CRONTAB, emailSyncSweepTask, syncMailboxTask } from "@/lib/email/sync-tasks";
import { runCampaignBatch } from "@/lib/campaigns/run";
import { sendCampaignEmails } from "@/lib/campaigns/send";
import { sequenceStopConsumer } from "@/lib/sequences/consumer";
import { runSequenceStep } from "@/lib/sequences/run";
import { analyticsConsumer } from "@/lib/analytics/consumer";
import { refreshAnalytics } from "@/lib/analytics/refresh";
import { ANALYTICS_CRONTAB, analyticsVerifySweepTask, analyticsVerifyTask } from "@/lib/analytics/verify";

export function registerDefaultConsumers(): void {
  registerConsumer(notifyWatchersConsumer);
  registerConsumer(dynamicListsConsumer);
  registerConsumer(automationsConsumer);
  registerConsumer(leadScoringConsumer);
  registerConsumer(sequenceStopConsumer);
  registerConsumer(analyticsConsumer);
}

export const taskList: TaskList = {
  refresh_tenant_lists: refreshTenantListsTask,
  lists_sweep: listsSweepTask,
  // queued by the outbox trigger before the relay (migration 0014): such jobs may remain
  // queued across the upgrade
  async dispatch_event(payload) {
    const { tenantId, eventId } = payload as { tenantId: string; eventId: string };
    await dispatchEvent(tenantId, eventId);
  },
  // queued by the automation_action_executions trigger (migration 0010)
  async run_automation_execution(payload) {
    const { tenantId, executionId } = payload as { tenantId: string; executionId: string };
    await runExecution(tenantId, executionId);
  },
  async recover_automation_executions(_payload, helpers) {
    const n = await recoverExecutions();
    if (n) helpers.logger.info(`recovered ${n} automation execution(s)`);
  },
  // queued by the lead_rescore_runs trigger (migration lead_scoring_assignment)
  rescore_leads: rescoreLeadsTask,
  async auth_throttles_sweep() {
    await sweepThrottles();
  },
  // queued by the imports table's trigger on start and undo (migration imports)
  async run_import(payload) {
    const { tenantId, importId } = payload as { tenantId: string; importId: string };
    await runImport(tenantId, importId);
  },
  // queued by the email_messages trigger (migration email); graphile-worker's backoff spaces the retries
  async send_email(payload, helpers) {
    const { tenantId, emailId } = payload as { tenantId: string; emailId: string };
    await sendQueuedEmail(tenantId, emailId, { attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts });
  },
  // a campaign's emails, in batches (queued by the email_messages statement trigger: migration bulk_send_priority)
  async send_campaign(payload, helpers) {
    const { tenantId, campaignId } = payload as { tenantId: string; campaignId: string };
    const r = await sendCampaignEmails(tenantId, campaignId);
    // the key and the queue of the trigger's job (migration campaign_send_queue): one at a time per campaign
    const key = `campaign-send:${campaignId}`;
    if (r.nextAt) await helpers.addJob("send_campaign", { tenantId, campaignId }, { jobKey: key, queueName: key, runAt: r.nextAt, maxAttempts: 25, priority: 10 });
  },
  // the IMAP sync: the minute's sweep, and each mailbox's sync (also queued by "Sync now")
  email_sync_sweep: emailSyncSweepTask,
  sync_mailbox: syncMailboxTask,
  // queued by the campaigns trigger whenever a campaign's next batch time is set (migration campaigns_sequences)
  async campaign_batch(payload) {
    const { tenantId, campaignId } = payload as { tenantId: string; campaignId: string };
    await runCampaignBatch(tenantId, campaignId);
  },
  // queued by the sequence_enrollments trigger for an enrollment's next step
  async sequence_step(payload) {
    const { tenantId, enrollmentId } = payload as { tenantId: string; enrollmentId: string };
    await runSequenceStep(tenantId, enrollmentId);
  },
  // queued by enqueue_analytics_refresh (migration analytics_results): stale reads and the analytics consumer
  async refresh_analytics(payload) {
    const { tenantId } = payload as { tenantId: string };
    await refreshAnalytics(tenantId);
  },
  // the daily check of the counts the triggers keep (ANALYTICS_CRONTAB)
  analytics_verify_sweep: analyticsVerifySweepTask,
  analytics_verify: analyticsVerifyTask,
  async imports_sweep(_payload, helpers) {
    const n = await sweepImports();
    if (n) helpers.logger.info(`queued ${n} stalled import(s) again`);
  },
};

let quiet = false;
/** Connection errors are expected while everything shuts down (Ctrl-C stops PostgreSQL too). */
export function quietWorkerLogs(): void {
  quiet = true;
}

/**
 * graphile-worker's lines quote the error they report ("Failed task 12 (…) with error
 * 'Failed query: … params: …'"), and a query error's text carries its bound values: such a
 * line is cut where the error's text starts, and the error goes to the logger's serializer.
 */
export function workerLogLine(message: string, meta?: Record<string, unknown>): { fields: Record<string, unknown>; text: string } {
  const job = meta?.job as { id?: string; task_identifier?: string; attempts?: number; max_attempts?: number } | undefined;
  const fields: Record<string, unknown> = job ? { job: { id: job.id, task: job.task_identifier, attempt: job.attempts, maxAttempts: job.max_attempts } } : {};
  const error = meta?.error;
  if (error === undefined) return { fields, text: scrubText(message) };
  fields.err = error;
  if (meta?.failure && job) return { fields, text: `Failed task ${job.task_identifier ?? ""}` };
  const first = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
  const at = first ? message.indexOf(first) : -1;
  return { fields, text: scrubText(at >= 0 ? message.slice(0, at).trimEnd() : message) };
}

const logger = new Logger(() => (level, message, meta) => {
  if (quiet || level === "debug") return;
  // routine chatter: every completed job, cron bookkeeping (failures still print)
  if (level === "info" && /crontab|cron is disabled|^Completed task/.test(message)) return;
  const { fields, text } = workerLogLine(message, meta);
  log[level === "error" ? "error" : level === "warning" ? "warn" : "info"]({ ...fields, source: "worker" }, text);
});

export async function startWorker(opts: { ownerUrl: string; concurrency?: number; pollInterval?: number }): Promise<Runner> {
  registerDefaultConsumers();
  const runner = await run({
    logger,
    connectionString: viaLocalSocket(opts.ownerUrl),
    concurrency: opts.concurrency ?? env.WORKER_CONCURRENCY,
    pollInterval: opts.pollInterval ?? 1000,
    noHandleSignals: true,
    taskList,
    crontab: [LISTS_CRONTAB, AUTOMATIONS_CRONTAB, THROTTLE_CRONTAB, IMPORTS_CRONTAB, EMAIL_SYNC_CRONTAB, ANALYTICS_CRONTAB].join("\n"),
  });
  const relay = startRelay({ pollMs: opts.pollInterval ?? 1000 });
  const stopJobs = runner.stop.bind(runner);
  runner.stop = async () => {
    await relay.stop();
    await stopJobs();
    closePooledTransports();
  };
  return runner;
}
