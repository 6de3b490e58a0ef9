// The background worker: graphile-worker (a Postgres job queue) runs the dispatch job
// that the outbox trigger enqueues with every committed domain event.
import { Logger, run, type Runner, type TaskList } from "graphile-worker";
import { dispatchEvent, registerConsumer } from "@/lib/events/dispatcher";
import { notifyWatchersConsumer } from "@/lib/watchers/notify-consumer";
import { dynamicListsConsumer } from "@/lib/lists/consumer";
import { refreshTenantListsTask } from "@/lib/lists/tasks";

export function registerDefaultConsumers(): void {
  registerConsumer(notifyWatchersConsumer);
  registerConsumer(dynamicListsConsumer);
}

export const taskList: TaskList = {
  refresh_tenant_lists: refreshTenantListsTask,
  async dispatch_event(payload) {
    const { tenantId, eventId } = payload as { tenantId: string; eventId: string };
    await dispatchEvent(tenantId, eventId);
  },
};

let quiet = false;
/** Connection errors are expected while everything shuts down (Ctrl-C stops PostgreSQL too). */
export function quietWorkerLogs(): void {
  quiet = true;
}

const logger = new Logger(() => (level, message) => {
  if (quiet || level === "debug") return;
  if (level === "info" && /crontab|cron is disabled/.test(message)) return;
  console[level === "error" ? "error" : level === "warning" ? "warn" : "log"](`[worker] ${message}`);
});

export async function startWorker(opts: { ownerUrl: string; concurrency?: number; pollInterval?: number }): Promise<Runner> {
  registerDefaultConsumers();
  return run({
    logger,
    connectionString: opts.ownerUrl,
    concurrency: opts.concurrency ?? 5,
    pollInterval: opts.pollInterval ?? 1000,
    noHandleSignals: true,
    taskList,
  });
}
