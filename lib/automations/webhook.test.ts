// WEBHOOK automations end to end with the real worker and a real receiver on 127.0.0.1:
// signing (verified with the standardwebhooks package), retries with the same
// webhook-id, Retry-After, failing at once on 4xx, duplicate events, crash recovery,
// retry/redeliver, redirects (never followed), the log's masked custom headers, and the
// SSRF guard.
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import { dispatchEvent } from "@/lib/events/dispatcher";
import { listPipelines } from "@/lib/pipelines/queries";
import { moveRecord } from "@/lib/pipelines/move-record";
import { createRecord } from "@/lib/records/service";
import { systemActor } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { automationsConsumer } from "./dispatch";
import { getExecutionDetail, listExecutions, redeliverExecutions, retryExecution } from "./executions";
import { guardedPost } from "./http";
import { MASK } from "./masking";
import { recoverTenantExecutions, runExecution } from "./run";
import { createAutomation } from "./service";
import { startReceiver, ownDatabaseWithWorker } from "./test-harness";

const WAIT = { timeout: 15_000, interval: 50 };
const db = ownDatabaseWithWorker("automations_webhook");
let rx: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  process.env.WEBHOOK_BACKOFF_MS = "20";
  rx = await startReceiver();
});
afterAll(async () => {
  await rx.close();
});
afterEach(() => {
  process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = "1";
  rx.setFallback({ status: 200, body: "ok" });
});

/** A tenant with a WEBHOOK automation on "a deal enters Proposal" posting to the receiver at `path`. */
async function setup(path: string, config: Record<string, unknown> = {}) {
  const t = await makeTenant("Hooks Co");
  const [pipeline] = await listPipelines(t.ctx, "DEAL");
  const stage = (name: string) => pipeline!.stages.find((s) => s.name === name)!;
  const { automation, webhookSecret } = await createAutomation(t.ctx, {
    name: `Proposal ${path}`,
    entityType: "DEAL",
    scopeType: "PIPELINE_STAGE",
    stageId: stage("Proposal").id,
    triggerEvent: "stage.entered",
    actionType: "WEBHOOK",
    config: { url: `${rx.url}${path}`, headers: { "x-tenant-tag": "hooks" }, ...config },
  });
  const deal = await createRecord(t.ctx, "DEAL", { name: `Deal ${path}`, amount: "1200" });
  const move = () => moveRecord(t.ctx, "DEAL", deal.id, { toStageId: stage("Proposal").id });
  const execution = async (status?: string) => {
    let found: Awaited<ReturnType<typeof listExecutions>>["data"][number] | undefined;
    await vi.waitFor(async () => {
      found = (await listExecutions(t.ctx, { automationId: automation.id })).data[0];
      expect(found).toBeDefined();
      if (status) expect(found!.status).toBe(status);
      expect(await db.jobsOf(found!.id)).toBe(0);
    }, WAIT);
    return found!;
  };
  const requests = () => rx.received.filter((r) => r.path === path);
  return { ...t, automation, secret: webhookSecret!, deal, move, execution, requests, stage };
}

describe("WEBHOOK automations", () => {
  it("delivers a signed request that verifies with standardwebhooks (and a tampered one does not)", async () => {
    const s = await setup("/signed");
    await s.move();
    const done = await s.execution("SUCCEEDED");
    expect(done).toMatchObject({ attempts: 1, responseCode: 200, entityTitle: "Deal /signed", executionKey: expect.stringMatching(new RegExp(`^${s.automation.id}:`)) });
    const [got] = s.requests();
    expect(s.requests()).toHaveLength(1);
    expect(got!.headers["webhook-id"]).toBe(done.executionKey);
    expect(got!.headers["x-tenant-tag"]).toBe("hooks");
    const verified = new Webhook(s.secret).verify(got!.body, got!.headers as Record<string, string>) as { type: string; data: Record<string, unknown> };
    expect(verified).toMatchObject({
      type: "stage.entered",
      data: { tenantId: s.tenantId, automationId: s.automation.id, executionId: done.id, entityType: "DEAL", entityId: s.deal.id, record: { name: "Deal /signed" }, change: { toStageId: s.stage("Proposal").id } },
    });
    expect(() => new Webhook(s.secret).verify(got!.body.replace("1200", "9999"), got!.headers as Record<string, string>)).toThrow();

    const detail = await getExecutionDetail(s.ctx, done.id);
    expect(detail.attemptLog).toHaveLength(1);
    expect(detail.request).toMatchObject({ url: `${rx.url}/signed`, headers: { "webhook-id": done.executionKey, "webhook-signature": got!.headers["webhook-signature"] }, body: got!.body });
    expect(JSON.stringify(detail)).not.toContain(s.secret);
    expect(detail.event).toMatchObject({ type: "stage.changed" });
  });

  it("retries 500, 503 then succeeds on the third attempt with the same webhook-id", async () => {
    const s = await setup("/flaky");
    rx.reply({ status: 500 }, { status: 503 });
    await s.move();
    const done = await s.execution("SUCCEEDED");
    expect(done.attempts).toBe(3);
    expect(s.requests().map((r) => r.headers["webhook-id"])).toEqual([done.executionKey, done.executionKey, done.executionKey]);
    expect(new Set(s.requests().map((r) => r.body)).size).toBe(1);
    const detail = await getExecutionDetail(s.ctx, done.id);
    expect(detail.attemptLog.map((a) => a.responseCode)).toEqual([500, 503, 200]);
  });

  it("honours Retry-After on a 429", async () => {
    const s = await setup("/busy");
    rx.reply({ status: 429, headers: { "retry-after": "1" } });
    await s.move();
    const done = await s.execution("SUCCEEDED");
    expect(done.attempts).toBe(2);
    const [first, second] = s.requests();
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(900);
  });

  it("fails at once on 400 and 410, then a retry of the FAILED one succeeds under the same key", async () => {
    for (const status of [400, 410]) {
      const s = await setup(`/refuse-${status}`);
      rx.reply({ status, body: "no such hook" });
      await s.move();
      const failed = await s.execution("FAILED");
      expect(failed).toMatchObject({ attempts: 1, responseCode: status });
      expect(failed.errorMessage).toContain(String(status));
      expect(s.requests()).toHaveLength(1);
      expect((await getExecutionDetail(s.ctx, failed.id)).responseBody).toBe("no such hook");

      await retryExecution(s.ctx, failed.id);
      const ok = await s.execution("SUCCEEDED");
      expect(ok.id).toBe(failed.id);
      expect(s.requests().map((r) => r.headers["webhook-id"])).toEqual([failed.executionKey, failed.executionKey]);
      await expect(retryExecution(s.ctx, failed.id)).rejects.toMatchObject({ code: "conflict" });

      expect(await redeliverExecutions(s.ctx, [failed.id])).toEqual({ requeued: 1 });
      await vi.waitFor(() => expect(s.requests()).toHaveLength(3), WAIT);
      await s.execution("SUCCEEDED");
      expect(s.requests()[2]!.headers["webhook-id"]).toBe(failed.executionKey);
    }
  });

  it("runs one execution and sends one request when the same event is dispatched 10 times concurrently", async () => {
    const s = await setup("/dup");
    await s.move();
    const eventId = (await db.sql()<{ id: string }[]>`select id from domain_events where entity_id = ${s.deal.id} and event_type = 'stage.changed'`)[0]!.id;
    const [event] = await db.sql()`select * from domain_events where id = ${eventId}`;
    const ctx = { tenantId: s.tenantId, actor: systemActor() };
    const row = { id: event!.id, tenantId: event!.tenant_id, eventType: event!.event_type, entityType: event!.entity_type, entityId: event!.entity_id, payload: event!.payload, seq: 0, actorUserId: null, source: "USER" as const, occurredAt: event!.occurred_at, dispatchedAt: null, dispatchAttempts: 0, dispatchAfter: null, dispatchError: null, bulk: false };
    await Promise.all([
      ...Array.from({ length: 10 }, () => dispatchEvent(s.tenantId, eventId)),
      // the consumer itself, bypassing the delivery record: the execution key still holds
      ...Array.from({ length: 10 }, () => withTenant(ctx, (tx) => automationsConsumer.handle(tx, ctx, row))),
    ]);
    const done = await s.execution("SUCCEEDED");
    expect((await listExecutions(s.ctx, { automationId: s.automation.id })).data).toHaveLength(1);
    expect(s.requests()).toHaveLength(1);
    expect(done.executionKey).toBe(`${s.automation.id}:${eventId}`);
  });

  it("recovers an execution a crashed worker left IN_PROGRESS: it runs once more, never twice at once", async () => {
    const s = await setup("/crash");
    rx.reply({ status: 200, hang: true }); // the first delivery never completes...
    await s.move();
    let id = "";
    await vi.waitFor(async () => {
      const [e] = (await listExecutions(s.ctx, { automationId: s.automation.id, status: "IN_PROGRESS" })).data;
      expect(e).toBeDefined();
      expect(s.requests()).toHaveLength(1);
      id = e!.id;
    }, WAIT);
    // ...and its worker "dies": its lease is left to expire, its attempt never finishes
    await db.sql()`update automation_action_executions set next_attempt_at = now() - interval '1 second' where id = ${id}`;
    const recovered = await Promise.all([1, 2, 3].map(() => recoverTenantExecutions({ tenantId: s.tenantId, actor: systemActor() })));
    expect(recovered.reduce((a, b) => a + b, 0)).toBe(1);
    await Promise.all([1, 2, 3, 4, 5].map(() => runExecution(s.tenantId, id)));
    const done = await s.execution("SUCCEEDED");
    expect(done.attempts).toBe(2);
    expect(s.requests().map((r) => r.headers["webhook-id"])).toEqual([done.executionKey, done.executionKey]);
    const log = (await getExecutionDetail(s.ctx, id)).attemptLog;
    expect(log.map((a) => a.attemptNo)).toEqual([1, 2]);
    expect(log[0]!.errorMessage).toMatch(/worker stopped/);
  });

  it("does not follow a 301, 302, 303, 307 or 308: the attempt fails at once with the Location, and the target receives nothing", async () => {
    const target = await startReceiver("127.0.0.2"); // another origin, reachable (private networks are allowed here)
    try {
      for (const status of [301, 302, 303, 307, 308]) {
        const s = await setup(`/moved-${status}`, { headers: { authorization: "Bearer for-the-receiver-only" } });
        rx.reply({ status, headers: { location: `${target.url}/elsewhere` }, body: "moved" });
        await s.move();
        const failed = await s.execution("FAILED");
        expect(failed).toMatchObject({ attempts: 1, responseCode: status });
        expect(failed.errorMessage).toContain(`HTTP ${status}`);
        expect(failed.errorMessage).toContain(`${target.url}/elsewhere`);
        expect(s.requests()).toHaveLength(1);
        expect((await getExecutionDetail(s.ctx, failed.id)).responseBody).toBe("moved");
      }
      expect(target.received).toEqual([]);
      expect(target.connections()).toBe(0);
    } finally {
      await target.close();
    }
  });

  it("masks custom header values in the execution log, for admins too, while the receiver gets them", async () => {
    const s = await setup("/masked", { headers: { Authorization: "Bearer receiver-token", "x-tenant-tag": "hooks" } });
    await s.move();
    const done = await s.execution("SUCCEEDED");
    const [got] = s.requests();
    expect(got!.headers.authorization).toBe("Bearer receiver-token");
    const detail = await getExecutionDetail(s.ctx, done.id);
    expect(detail.request).toMatchObject({ headers: { Authorization: MASK, "x-tenant-tag": MASK, "webhook-id": done.executionKey, "content-type": "application/json" } });
    expect(JSON.stringify(detail)).not.toContain("receiver-token");
    // not only hidden on the way out: the log row itself never held it
    const [row] = await db.sql()<{ request: string }[]>`select request::text from automation_action_executions where id = ${done.id}`;
    expect(row!.request).not.toContain("receiver-token");
    // a row logged before masking (the value stored as sent) is masked when read
    await db.sql()`update automation_action_executions set request = jsonb_set(request, '{headers,Authorization}', '"Bearer receiver-token"') where id = ${done.id}`;
    expect((await db.sql()<{ request: string }[]>`select request::text from automation_action_executions where id = ${done.id}`)[0]!.request).toContain("receiver-token");
    expect(JSON.stringify(await getExecutionDetail(s.ctx, done.id))).not.toContain("receiver-token");
  });

  it("refuses private, loopback, link-local and mapped addresses (and redirects to them) without connecting", async () => {
    delete process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS;
    const before = rx.connections();
    const p = rx.port;
    const urls = [
      `http://127.0.0.1:${p}/`,
      `http://localhost:${p}/`,
      `http://[::1]:${p}/`,
      `http://10.1.2.3:${p}/`,
      `http://172.16.0.1:${p}/`,
      `http://192.168.1.10:${p}/`,
      `http://169.254.169.254:${p}/latest/meta-data`,
      `http://[::ffff:127.0.0.1]:${p}/`,
      `http://2130706433:${p}/`,
      `http://0177.0.0.1:${p}/`,
      `http://0x7f.1:${p}/`,
    ];
    for (const url of urls) {
      await expect(guardedPost(url, {}, "{}", { timeoutMs: 2000 }), url).rejects.toMatchObject({ name: "BlockedAddressError" });
    }
    expect(rx.connections()).toBe(before);

    // a redirect from an allowed address to a private one is not followed at all
    const other = await startReceiver("127.0.0.2");
    rx.reply({ status: 307, headers: { location: `${other.url}/inside` } });
    await expect(guardedPost(`${rx.url}/hop`, {}, "{}", { timeoutMs: 2000, guard: { allowIPAddressList: ["127.0.0.1"] } })).resolves.toMatchObject({ status: 307 });
    expect(other.connections()).toBe(0);
    await other.close();

    // and through the dispatcher: FAILED at once, no connection, no retry
    const s = await setup("/private");
    const connections = rx.connections();
    await s.move();
    const failed = await s.execution("FAILED");
    expect(failed.attempts).toBe(1);
    expect(failed.errorMessage).toMatch(/not public/);
    expect(rx.connections()).toBe(connections);
  });
});
