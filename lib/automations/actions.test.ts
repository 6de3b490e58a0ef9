// WORKFLOW, EVENT and AIWORKER automations with the real worker, and the dry run's
// promise of no side effects at all.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as eventsRoute } from "@/app/api/v1/events/route";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createApiKey } from "@/lib/api/keys";
import { createList } from "@/lib/lists/service";
import { updatePipeline } from "@/lib/pipelines/pipeline-service";
import { listPipelines } from "@/lib/pipelines/queries";
import { moveRecord } from "@/lib/pipelines/move-record";
import { createRecord, updateRecord } from "@/lib/records/service";
import { createGroup } from "@/lib/tenancy/groups";
import { followRecord } from "@/lib/watchers/service";
import { AI_NOT_CONFIGURED } from "./ai-worker";
import { saveAiSettings, getAiSettings } from "./ai-settings";
import { dryRun } from "./dry-run";
import { publishedEventStream } from "./event-stream";
import { listExecutions, redeliverExecutions } from "./executions";
import { createAutomation } from "./service";
import { startReceiver, ownDatabaseWithWorker } from "./test-harness";

const WAIT = { timeout: 15_000, interval: 50 };
const db = ownDatabaseWithWorker("automations_actions");
type Ctx = Awaited<ReturnType<typeof makeTenant>>["ctx"];

/** Waits until the automation has `n` settled executions (no job left), newest first. */
async function settled(ctx: Ctx, automationId: string, n = 1) {
  let rows: Awaited<ReturnType<typeof listExecutions>>["data"] = [];
  await vi.waitFor(async () => {
    rows = (await listExecutions(ctx, { automationId })).data;
    expect(rows).toHaveLength(n);
    for (const r of rows) {
      expect(["SUCCEEDED", "FAILED"]).toContain(r.status);
      expect(await db.jobsOf(r.id)).toBe(0);
    }
  }, WAIT);
  return rows;
}

/** Waits until every event of the record went through the automations consumer. */
async function allDispatched(entityId: string) {
  await vi.waitFor(async () => {
    const [r] = await db.sql()<{ pending: number }[]>`
      select count(*)::int as pending from domain_events e
      where e.entity_id = ${entityId} and not exists (select 1 from event_deliveries d where d.event_id = e.id and d.consumer = 'automations')`;
    expect(r!.pending).toBe(0);
  }, WAIT);
}

async function dealSetup() {
  const t = await makeTenant("Flow Co");
  const [pipeline] = await listPipelines(t.ctx, "DEAL");
  const stage = (name: string) => pipeline!.stages.find((s) => s.name === name)!;
  return { ...t, pipeline: pipeline!, stage };
}

describe("WORKFLOW automations", () => {
  it("runs its steps in order through the services, as the automation", async () => {
    const t = await dealSetup();
    const ann = await makeMember(t.tenantId, "sales_rep", "Ann");
    const bob = await makeMember(t.tenantId, "sales_rep", "Bob");
    const group = await createGroup(t.ctx, { name: "Closers", memberUserIds: [ann.userId, bob.userId] });
    const list = await createList(t.ctx, { name: "Hot", objectType: "DEAL" });
    const { automation } = await createAutomation(t.ctx, {
      name: "Qualified playbook",
      entityType: "DEAL",
      scopeType: "PIPELINE_STAGE",
      stageId: t.stage("Qualification").id,
      triggerEvent: "stage.entered",
      actionType: "WORKFLOW",
      config: {
        steps: [
          { type: "createTask", subject: "Call the champion", dueInDays: 2, priority: "high" },
          { type: "setField", field: "amount", value: "999.00" },
          { type: "assignRoundRobin", groupId: group.id },
          { type: "addToList", listId: list.id },
          { type: "notifyWatchers", message: "Qualified!" },
        ],
      },
    });
    const watcher = await makeMember(t.tenantId, "manager", "Watcher");
    const deals = [];
    for (const name of ["One", "Two"]) {
      const deal = await createRecord(t.ctx, "DEAL", { name });
      await followRecord(t.ctx, { recordType: "DEAL", recordId: deal.id, principalType: "USER", principalId: watcher.userId });
      await moveRecord(t.ctx, "DEAL", deal.id, { toStageId: t.stage("Qualification").id });
      deals.push(deal);
    }
    const runs = await settled(t.ctx, automation.id, 2);
    expect(runs.map((r) => [r.status, r.errorMessage])).toEqual([["SUCCEEDED", null], ["SUCCEEDED", null]]);
    const sql = db.sql();
    for (const deal of deals) {
      const [task] = await sql`select subject, priority, due_at from activities where record_id = ${deal.id} and activity_type = 'TASK'`;
      expect(task).toMatchObject({ subject: "Call the champion", priority: "high" });
      const [row] = await sql`select amount, owned_by_user_id from deals where id = ${deal.id}`;
      expect(row!.amount).toBe("999.00");
      const [change] = await sql`select source from record_changes where record_id = ${deal.id} order by changed_at desc limit 1`;
      expect(change!.source).toBe("AUTOMATION");
      expect(await sql`select 1 from list_memberships where list_id = ${list.id} and member_id = ${deal.id}`).toHaveLength(1);
      const notes = await sql`select title, body from notifications where record_id = ${deal.id} and kind = 'automation' and user_id = ${watcher.userId}`;
      expect(notes).toEqual([{ title: `Qualified playbook: ${deal.name as string}`, body: "Qualified!" }]);
    }
    // round robin: the two deals went to the two members, one each
    const owners = await sql<{ owner: string }[]>`select owned_by_user_id as owner from deals where id in ${sql(deals.map((d) => d.id))}`;
    expect(owners.map((o) => o.owner).sort()).toEqual([ann.userId, bob.userId].sort());
  });

  it("never re-triggers the automation whose run made the change", async () => {
    const t = await dealSetup();
    const { automation } = await createAutomation(t.ctx, {
      name: "Stamp on update",
      entityType: "DEAL",
      scopeType: "ENTITY",
      triggerEvent: "record.updated",
      actionType: "WORKFLOW",
      config: { steps: [{ type: "setField", field: "currency", value: "EUR" }] },
    });
    const deal = await createRecord(t.ctx, "DEAL", { name: "Loop" });
    await updateRecord(t.ctx, "DEAL", deal.id, { amount: "10" });
    await settled(t.ctx, automation.id, 1);
    // the automation's own record.updated (currency) has been dispatched too, and fired nothing
    await vi.waitFor(async () => {
      const [r] = await db.sql()`select count(*)::int as n from domain_events where entity_id = ${deal.id} and event_type = 'record.updated' and source = 'AUTOMATION'`;
      expect(r!.n).toBe(1);
    }, WAIT);
    await allDispatched(deal.id);
    expect(await settled(t.ctx, automation.id, 1)).toHaveLength(1);
  });

  it("FAILS with the reason when a step would break a rule (a refused move)", async () => {
    const t = await dealSetup();
    await updatePipeline(t.ctx, t.pipeline.id, { movementMode: "ENFORCED" });
    const { automation } = await createAutomation(t.ctx, {
      name: "Jump to won",
      entityType: "DEAL",
      scopeType: "ENTITY",
      triggerEvent: "record.created",
      actionType: "WORKFLOW",
      config: { steps: [{ type: "setField", field: "stageId", value: t.stage("Closed Won").id }] },
    });
    const deal = await createRecord(t.ctx, "DEAL", { name: "Too fast" });
    const [run] = await settled(t.ctx, automation.id, 1);
    expect(run!.status).toBe("FAILED");
    expect(run!.errorMessage).toMatch(/^Step 1 \(setField stageId\) failed: /);
    const [row] = await db.sql()`select stage_id from deals where id = ${deal.id}`;
    expect(row!.stage_id).toBe(t.stage("Prospecting").id);
  });
});

describe("EVENT automations", () => {
  it("publishes on GET /events with cursor paging, once per execution", async () => {
    const t = await makeTenant("Events Co");
    const key = (await createApiKey(t.ctx, { name: "k", role: "admin" })).key;
    const { automation } = await createAutomation(t.ctx, {
      name: "Contact born",
      entityType: "CONTACT",
      scopeType: "ENTITY",
      triggerEvent: "record.created",
      actionType: "EVENT",
      config: { name: "contact.born" },
    });
    const ids = [];
    for (const firstName of ["Ann", "Bob", "Cy"]) ids.push((await createRecord(t.ctx, "CONTACT", { firstName })).id);
    const runs = await settled(t.ctx, automation.id, 3);
    const get = async (qs: string) => (await eventsRoute(new NextRequest(`http://localhost/api/v1/events${qs}`, { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({}) })).json();
    const page1 = await get("?limit=2");
    expect(page1.data).toHaveLength(2);
    expect(page1.data[0]).toMatchObject({ type: "contact.born", entityType: "CONTACT", payload: { automationId: automation.id, triggerEvent: "record.created" } });
    const page2 = await get(`?limit=2&after=${page1.nextCursor}`);
    expect(page2.data).toHaveLength(1);
    const seen = [...page1.data, ...page2.data].map((e: { entityId: string }) => e.entityId);
    expect(seen.sort()).toEqual(ids.sort());
    expect(await get(`?after=${page2.nextCursor}`)).toEqual({ data: [], nextCursor: page2.nextCursor });

    await redeliverExecutions(t.ctx, runs.map((r) => r.id));
    await vi.waitFor(async () => expect((await listExecutions(t.ctx, { automationId: automation.id, status: "SUCCEEDED" })).data).toHaveLength(3), WAIT);
    await settled(t.ctx, automation.id, 3);
    expect((await get("")).data).toHaveLength(3);
  });
});

describe("GET /events/stream", () => {
  it("sends the backlog after the cursor, then each new event as it commits", async () => {
    const t = await makeTenant("Stream Co");
    const { automation } = await createAutomation(t.ctx, { name: "Feed", entityType: "COMPANY", scopeType: "ENTITY", triggerEvent: "record.created", actionType: "EVENT", config: {} });
    await createRecord(t.ctx, "COMPANY", { name: "Before" });
    await settled(t.ctx, automation.id, 1);
    const abort = new AbortController();
    const reader = publishedEventStream(t.ctx, { after: 0, signal: abort.signal }).getReader();
    let text = "";
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        text += new TextDecoder().decode(value);
      }
    };
    await readUntil('"name":"Before"');
    expect(text).toContain("id: 1\nevent: record.created\n");
    await createRecord(t.ctx, "COMPANY", { name: "After" });
    await readUntil('"name":"After"');
    expect(text).toContain("id: 2\nevent: record.created\n");
    expect(text.match(/"name":"Before"/g)).toHaveLength(1);
    abort.abort();
  });
});

describe("AIWORKER automations", () => {
  let ai: http.Server;
  let aiUrl = "";
  const asked: { auth?: string; body: { model: string; messages: { role: string; content: string }[] } }[] = [];
  beforeAll(async () => {
    ai = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        if (req.url !== "/v1/chat/completions") return void res.writeHead(404).end();
        const parsed = JSON.parse(body) as (typeof asked)[number]["body"];
        asked.push({ auth: req.headers.authorization, body: parsed });
        const question = parsed.messages.at(-1)!.content;
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id: "chatcmpl-1", object: "chat.completion", model: parsed.model, choices: [{ index: 0, message: { role: "assistant", content: `Answer to: ${question}` }, finish_reason: "stop" }] }));
      });
    });
    await new Promise<void>((r) => ai.listen(0, "127.0.0.1", r));
    aiUrl = `http://127.0.0.1:${(ai.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((r) => ai.close(() => r())));

  it("fills the prompt, calls the chat-completions endpoint and keeps the answer as a note or a field", async () => {
    const t = await makeTenant("AI Co");
    expect(await saveAiSettings(t.ctx, { baseUrl: `${aiUrl}/`, model: "tiny-model", apiKey: "sk-secret" })).toEqual({ baseUrl: aiUrl, model: "tiny-model", hasApiKey: true });
    expect(await saveAiSettings(t.ctx, { baseUrl: aiUrl, model: "tiny-model" })).toMatchObject({ hasApiKey: true }); // undefined keeps the key
    const note = await createAutomation(t.ctx, {
      name: "Summarise",
      entityType: "COMPANY",
      scopeType: "ENTITY",
      triggerEvent: "record.created",
      actionType: "AIWORKER",
      config: { prompt: "Summarise {{record.name}} ({{record.domain}})", output: { type: "note" } },
    });
    const field = await createAutomation(t.ctx, {
      name: "Classify",
      entityType: "COMPANY",
      scopeType: "ENTITY",
      triggerEvent: "record.created",
      actionType: "AIWORKER",
      config: { prompt: "Industry of {{record.name}}?", output: { type: "field", field: "industry" } },
    });
    const company = await createRecord(t.ctx, "COMPANY", { name: "Acme", domain: "acme.test" });
    for (const a of [note, field]) expect((await settled(t.ctx, a.automation.id, 1))[0]).toMatchObject({ status: "SUCCEEDED", responseCode: 200 });
    const mine = asked.filter((q) => q.body.messages.at(-1)!.content.includes("Acme"));
    expect(mine.map((q) => q.auth)).toEqual(["Bearer sk-secret", "Bearer sk-secret"]);
    expect(mine.map((q) => q.body.model)).toEqual(["tiny-model", "tiny-model"]);
    const [activity] = await db.sql()`select activity_type, subject, body from activities where record_id = ${company.id}`;
    expect(activity).toEqual({ activity_type: "NOTE", subject: "Summarise", body: "Answer to: Summarise Acme (acme.test)" });
    const [row] = await db.sql()`select industry from companies where id = ${company.id}`;
    expect(row!.industry).toBe("Answer to: Industry of Acme?");
    expect(JSON.stringify(await getAiSettings(t.ctx))).not.toContain("sk-secret");
  });

  it("FAILS with a clear error when AI is not configured", async () => {
    const t = await makeTenant("No AI Co");
    const { automation } = await createAutomation(t.ctx, {
      name: "Summarise",
      entityType: "COMPANY",
      scopeType: "ENTITY",
      triggerEvent: "record.created",
      actionType: "AIWORKER",
      config: { prompt: "Summarise {{record.name}}", output: { type: "note" } },
    });
    await createRecord(t.ctx, "COMPANY", { name: "Nobody" });
    const [run] = await settled(t.ctx, automation.id, 1);
    expect(run).toMatchObject({ status: "FAILED", attempts: 1, errorMessage: AI_NOT_CONFIGURED });
  });
});

describe("dry run", () => {
  it("shows what would fire, in order, with the exact request signed with a throwaway secret — and changes nothing, sends nothing", async () => {
    const t = await dealSetup();
    const rx = await startReceiver();
    const mk = (name: string, priority: number, extra: Record<string, unknown>) =>
      createAutomation(t.ctx, { name, entityType: "DEAL", scopeType: "ENTITY", triggerEvent: "stage.entered", priority, ...extra } as never);
    const hook = await mk("Hook", 20, { actionType: "WEBHOOK", config: { url: `${rx.url}/dry` }, toStageId: t.stage("Proposal").id });
    const flow = await mk("Flow", 10, { actionType: "WORKFLOW", config: { steps: [{ type: "createTask", subject: "Follow up" }] } });
    const skip = await mk("Big only", 5, { actionType: "EVENT", config: {}, condition: { all: [{ field: "amount", op: "gte", value: 1_000_000 }] } });
    const off = await mk("Off", 1, { actionType: "EVENT", config: {}, enabled: false });
    const deal = await createRecord(t.ctx, "DEAL", { name: "Dry", amount: "50" });
    await allDispatched(deal.id);

    const count = async () => {
      const [r] = await db.sql()`select
        (select count(*) from automation_action_executions)::int as executions,
        (select count(*) from domain_events)::int as events,
        (select count(*) from activities)::int as activities,
        (select count(*) from published_events)::int as published,
        (select count(*) from graphile_worker._private_jobs)::int as jobs`;
      return r;
    };
    const before = await count();
    const results = await dryRun(t.ctx, { entityType: "DEAL", entityId: deal.id, triggerEvent: "stage.entered", toStageId: t.stage("Proposal").id });
    expect(await count()).toEqual(before);
    expect(rx.connections()).toBe(0);
    await rx.close();

    const byId = new Map(results.map((r) => [r.automationId, r]));
    expect(byId.get(flow.automation.id)).toMatchObject({ wouldFire: true, order: 1, steps: [{ type: "createTask", subject: "Follow up" }] });
    expect(byId.get(hook.automation.id)).toMatchObject({ wouldFire: true, order: 2, request: { method: "POST", url: `${rx.url}/dry` } });
    expect(byId.get(skip.automation.id)).toMatchObject({ wouldFire: false, order: null, reason: "the condition does not hold for the record" });
    expect(byId.get(off.automation.id)).toMatchObject({ wouldFire: false, reason: "the automation is disabled" });
    const request = byId.get(hook.automation.id)!.request!;
    const { Webhook } = await import("standardwebhooks");
    // signed as a delivery would be, but with the dry run's throwaway secret: never one a receiver accepts
    const { dryRunSecret } = byId.get(hook.automation.id)!;
    expect(dryRunSecret).toMatch(/^whsec_/);
    expect(dryRunSecret).not.toBe(hook.webhookSecret);
    expect(new Webhook(dryRunSecret!).verify(request.body, request.headers)).toMatchObject({ type: "stage.entered", data: { entityId: deal.id, change: { toStageId: t.stage("Proposal").id } } });
    expect(() => new Webhook(hook.webhookSecret!).verify(request.body, request.headers)).toThrow();
    // a move elsewhere: the webhook narrowed to Proposal does not fire
    const elsewhere = await dryRun(t.ctx, { entityType: "DEAL", entityId: deal.id, triggerEvent: "stage.entered", toStageId: t.stage("Qualification").id });
    expect(elsewhere.find((r) => r.automationId === hook.automation.id)).toMatchObject({ wouldFire: false });
  });
});
