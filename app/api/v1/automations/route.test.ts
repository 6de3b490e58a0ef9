// REST /automations (API.md "Automations"): create/read/update/delete, the 422 paths of
// the scope/target rule, the config by action type and the condition, permissions, and
// another tenant's automations, executions, pipelines and lists.
import { describe, expect, it } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import { createApiKey } from "@/lib/api/keys";
import { createList } from "@/lib/lists/service";
import { listPipelines } from "@/lib/pipelines/queries";
import { createRecord } from "@/lib/records/service";
import { GET as getExecution } from "@/app/api/v1/automation-executions/[id]/route";
import { POST as retry } from "@/app/api/v1/automation-executions/[id]/retry/route";
import { GET as listEvents } from "@/app/api/v1/events/route";
import { POST as dryRunRoute } from "./[id]/dry-run/route";
import { GET as executionsOf } from "./[id]/executions/route";
import { DELETE, GET as getOne, PATCH } from "./[id]/route";
import { GET as list, POST } from "./route";
import { apiRequest as req, routeParams as params } from "@/lib/api/testing";

const errorsOf = async (res: Response) => ((await res.json()) as { errors?: { path: string }[] }).errors?.map((e) => e.path) ?? [];

async function tenant() {
  const t = await makeTenant();
  const admin = (await createApiKey(t.ctx, { name: "admin", role: "admin" })).key;
  const manager = (await createApiKey(t.ctx, { name: "mgr", role: "manager" })).key;
  const rep = (await createApiKey(t.ctx, { name: "rep", role: "sales_rep" })).key;
  const [pipeline] = await listPipelines(t.ctx, "DEAL");
  return { ...t, admin, manager, rep, pipeline: pipeline!, won: pipeline!.stages.find((s) => s.stageState === "DONE_SUCCESS")! };
}

const webhook = (over: Record<string, unknown> = {}) => ({
  name: "Won deals to ERP",
  entityType: "DEAL",
  scopeType: "ENTITY",
  triggerEvent: "stage.entered",
  actionType: "WEBHOOK",
  config: { url: "https://erp.example.com/hooks/deals", headers: { "x-source": "stageline" } },
  priority: 10,
  enabled: true,
  ...over,
});

describe("REST /automations", () => {
  it("creates (secret shown once), reads, lists, updates and deletes", async () => {
    const t = await tenant();
    const res = await POST(req("POST", "/automations", { key: t.admin, body: webhook({ scopeType: "PIPELINE_STAGE", stageId: t.won.id }) }), params({}));
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(created.config).toEqual({ url: "https://erp.example.com/hooks/deals", headers: { "x-source": "stageline" }, hasSecret: true });
    expect(created).toMatchObject({ scopeType: "PIPELINE_STAGE", stageId: t.won.id, inheritPipelineActions: true, fromStageId: null });
    const id = created.id as string;

    const one = await (await getOne(req("GET", `/automations/${id}`, { key: t.manager }), params({ id }))).json();
    expect(one.config.secret).toBeUndefined();
    expect(JSON.stringify(one)).not.toContain(created.webhookSecret);

    const all = await (await list(req("GET", "/automations", { key: t.manager }), params({}))).json();
    expect(all.data).toHaveLength(1);
    expect(all.data[0]).toMatchObject({ id, targetLabel: `${t.pipeline.name} › ${t.won.name}`, lastRun: null, runs7d: 0, successRate7d: null });

    const patched = await PATCH(req("PATCH", `/automations/${id}`, { key: t.admin, body: { enabled: false, config: { url: "https://erp.example.com/v2" } } }), params({ id }));
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ enabled: false, config: { url: "https://erp.example.com/v2", hasSecret: true } });

    expect((await DELETE(req("DELETE", `/automations/${id}`, { key: t.admin }), params({ id }))).status).toBe(204);
    expect((await getOne(req("GET", `/automations/${id}`, { key: t.admin }), params({ id }))).status).toBe(404);
  });

  it("answers 422 with paths for the scope/target rule, the config and the condition", async () => {
    const t = await tenant();
    const post = (body: unknown) => POST(req("POST", "/automations", { key: t.admin, body }), params({}));
    const cases: [Record<string, unknown>, string[]][] = [
      [webhook({ scopeType: "PIPELINE" }), ["pipelineId"]],
      [webhook({ scopeType: "ENTITY", stageId: t.won.id }), ["stageId"]],
      [webhook({ scopeType: "RECORD", recordType: "DEAL" }), ["recordId"]],
      [webhook({ config: { url: "ftp://x.example.com" } }), ["config.url"]],
      [webhook({ config: { url: "https://x.example.com", timeoutMs: 60_000 } }), ["config.timeoutMs"]],
      [webhook({ actionType: "WORKFLOW", config: { steps: [{ type: "explode" }] } }), ["config.steps[0].type"]],
      [webhook({ actionType: "AIWORKER", config: { output: { type: "note" } } }), ["config.prompt"]],
      [webhook({ scopeType: "LIST", triggerEvent: "stage.entered", listId: t.won.id }), ["triggerEvent"]],
      [webhook({ entityType: "CONTACT" }), ["entityType"]],
      [webhook({ condition: { all: [{ field: "amount", op: "contains", value: "x" }] } }), ["condition.all[0].op"]],
      [webhook({ condition: { all: [{ field: "nope", op: "eq", value: 1 }] } }), ["condition.all[0].field"]],
    ];
    for (const [body, paths] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(await errorsOf(res), JSON.stringify(body)).toEqual(expect.arrayContaining(paths));
    }
    // a valid condition is kept
    const ok = await post(webhook({ condition: { all: [{ field: "amount", op: "gte", value: 1000 }] } }));
    expect(ok.status).toBe(201);
    expect((await ok.json()).condition).toEqual({ all: [{ field: "amount", op: "gte", value: 1000 }] });
  });

  it("refuses managers' writes and reps' reads", async () => {
    const t = await tenant();
    expect((await POST(req("POST", "/automations", { key: t.manager, body: webhook() }), params({}))).status).toBe(403);
    expect((await list(req("GET", "/automations", { key: t.rep }), params({}))).status).toBe(403);
    expect((await list(req("GET", "/automations", { key: t.manager }), params({}))).status).toBe(200);
  });

  it("keeps tenants apart: another tenant's automation, execution, pipeline and list", async () => {
    const a = await tenant();
    const b = await tenant();
    const created = await (await POST(req("POST", "/automations", { key: a.admin, body: webhook() }), params({}))).json();
    const id = created.id as string;
    expect((await getOne(req("GET", `/automations/${id}`, { key: b.admin }), params({ id }))).status).toBe(404);
    expect((await PATCH(req("PATCH", `/automations/${id}`, { key: b.admin, body: { enabled: false } }), params({ id }))).status).toBe(404);
    expect((await DELETE(req("DELETE", `/automations/${id}`, { key: b.admin }), params({ id }))).status).toBe(404);
    expect((await executionsOf(req("GET", `/automations/${id}/executions`, { key: b.admin }), params({ id }))).status).toBe(404);
    expect(await (await list(req("GET", "/automations", { key: b.admin }), params({}))).json()).toEqual({ data: [], nextCursor: null });

    const foreignPipeline = await POST(req("POST", "/automations", { key: b.admin, body: webhook({ scopeType: "PIPELINE", pipelineId: a.pipeline.id }) }), params({}));
    expect(foreignPipeline.status).toBe(422);
    expect(await errorsOf(foreignPipeline)).toEqual(["pipelineId"]);
    const listA = await createList(a.ctx, { name: "A's", objectType: "DEAL" });
    const foreignList = await POST(
      req("POST", "/automations", { key: b.admin, body: webhook({ actionType: "WORKFLOW", config: { steps: [{ type: "addToList", listId: listA.id }] } }) }),
      params({}),
    );
    expect(foreignList.status).toBe(422);
    expect(await errorsOf(foreignList)).toEqual(["config.steps[0].listId"]);

    const someId = "00000000-0000-4000-8000-000000000000";
    expect((await getExecution(req("GET", `/automation-executions/${someId}`, { key: b.admin }), params({ id: someId }))).status).toBe(404);
    expect((await retry(req("POST", `/automation-executions/${someId}/retry`, { key: b.admin }), params({ id: someId }))).status).toBe(404);
  });

  it("dry-runs one automation without sending, and serves /events", async () => {
    const t = await tenant();
    const created = await (await POST(req("POST", "/automations", { key: t.admin, body: webhook() }), params({}))).json();
    const deal = await createRecord(t.ctx, "DEAL", { name: "Big one", amount: "5000" });
    const res = await dryRunRoute(req("POST", `/automations/${created.id}/dry-run`, { key: t.manager, body: { entityId: deal.id } }), params({ id: created.id }));
    expect(res.status).toBe(200);
    const [result] = (await res.json()).data;
    expect(result).toMatchObject({ automationId: created.id, wouldFire: true, order: 1, request: { method: "POST", url: "https://erp.example.com/hooks/deals" } });
    expect(result.request.headers["webhook-signature"]).toMatch(/^v1,/);
    expect(JSON.parse(result.request.body).data).toMatchObject({ entityId: deal.id, record: { name: "Big one" } });

    expect(await (await listEvents(req("GET", "/events", { key: t.admin }), params({}))).json()).toEqual({ data: [], nextCursor: null });
    expect((await listEvents(req("GET", "/events?after=x", { key: t.admin }), params({}))).status).toBe(400);
  });
});
