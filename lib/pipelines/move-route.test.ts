// REST: POST /api/v1/{collection}/{id}/move and GET /api/v1/{collection}/{id}/stage-history.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { POST as move } from "@/app/api/v1/[collection]/[id]/move/route";
import { GET as stageHistory } from "@/app/api/v1/[collection]/[id]/stage-history/route";
import { makeTenant } from "@/db/testing/factories";
import { createApiKey } from "@/lib/api/keys";
import type { Role } from "@/lib/auth/permissions";
import { createRecord } from "@/lib/records/service";
import { listPipelines } from "./queries";
import { updateStage } from "./stage-service";

function req(method: string, path: string, key: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  return new NextRequest(`http://localhost/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}
const params = <T>(p: T) => ({ params: Promise.resolve(p) });
const moveReq = (key: string, collection: string, id: string, body: unknown) => move(req("POST", `/${collection}/${id}/move`, key, body), params({ collection, id }));
const historyReq = (key: string, collection: string, id: string) => stageHistory(req("GET", `/${collection}/${id}/stage-history`, key), params({ collection, id }));

async function setup() {
  const t = await makeTenant();
  const keys = {} as Record<Role, string>;
  for (const role of ["admin", "manager", "sales_rep", "readonly"] as Role[]) keys[role] = (await createApiKey(t.ctx, { name: role, role })).key;
  const stagesOf = async (objectType: "DEAL" | "TICKET") => {
    const [p] = await listPipelines(t.ctx, objectType);
    return Object.fromEntries(p!.stages.map((s) => [s.name, s.id]));
  };
  return { ...t, keys, deal: await stagesOf("DEAL"), ticket: await stagesOf("TICKET") };
}

describe("POST /api/v1/{collection}/{id}/move", () => {
  it("moves a deal (200 with the serialized record) and records the API as the source", async () => {
    const t = await setup();
    const deal = await createRecord(t.ctx, "DEAL", { name: "Via API", amount: "900" });
    const res = await moveReq(t.keys.sales_rep, "deals", deal.id, { toStageId: t.deal.Proposal });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ id: deal.id, stageId: t.deal.Proposal, forecastProbability: "0.5000", status: "open", name: "Via API" });
    expect(body.tenantId).toBeUndefined();
    const { data } = await (await historyReq(t.keys.readonly, "deals", deal.id)).json();
    expect(data[0]).toMatchObject({ fromStageId: t.deal.Prospecting, toStageId: t.deal.Proposal, source: "API", changedByUserId: null, isOverride: false });
  });

  it("409 movement-not-allowed with allowedStageIds in an ENFORCED pipeline, and nothing changes", async () => {
    const t = await setup();
    const ticket = await createRecord(t.ctx, "TICKET", { subject: "Skip ahead" });
    const res = await moveReq(t.keys.admin, "tickets", ticket.id, { toStageId: t.ticket.Resolved });
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ type: "/problems/movement-not-allowed", allowedStageIds: [t.ticket["In Progress"], t.ticket["Closed Unresolved"]] });
    expect((await (await historyReq(t.keys.admin, "tickets", ticket.id)).json()).data).toHaveLength(1);
  });

  it("422 required-fields-missing with missingFields", async () => {
    const t = await setup();
    const [p] = await listPipelines(t.ctx, "DEAL");
    await updateStage(t.ctx, p!.id, t.deal.Negotiation!, { requiredFields: ["amount", "closeDate"] });
    const deal = await createRecord(t.ctx, "DEAL", { name: "Thin", amount: "1" });
    const res = await moveReq(t.keys.sales_rep, "deals", deal.id, { toStageId: t.deal.Negotiation });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ type: "/problems/required-fields-missing", detail: "Negotiation requires: Close date", missingFields: ["closeDate"] });
  });

  it("`fields` fills what the stage requires with the move (200), or is a 422 under fields. that changes nothing", async () => {
    const t = await setup();
    const [p] = await listPipelines(t.ctx, "DEAL");
    await updateStage(t.ctx, p!.id, t.deal.Negotiation!, { requiredFields: ["amount", "closeDate"] });
    const deal = await createRecord(t.ctx, "DEAL", { name: "Thin" });
    const bad = await moveReq(t.keys.sales_rep, "deals", deal.id, { toStageId: t.deal.Negotiation, fields: { amount: "lots", closeDate: "2030-01-15" } });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ type: "/problems/validation", errors: [{ path: "fields.amount" }] });
    expect((await (await historyReq(t.keys.readonly, "deals", deal.id)).json()).data).toHaveLength(1);

    const res = await moveReq(t.keys.sales_rep, "deals", deal.id, { toStageId: t.deal.Negotiation, fields: { amount: "4200", closeDate: "2030-01-15" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ stageId: t.deal.Negotiation, amount: "4200.00", closeDate: "2030-01-15" });
    const { data } = await (await historyReq(t.keys.readonly, "deals", deal.id)).json();
    expect(data[0]).toMatchObject({ fromStageId: t.deal.Prospecting, toStageId: t.deal.Negotiation, source: "API" });
  });

  it("an override: 403 for a sales rep, accepted for an admin with a reason and recorded in the history", async () => {
    const t = await setup();
    const ticket = await createRecord(t.ctx, "TICKET", { subject: "Escalated" });
    const denied = await moveReq(t.keys.sales_rep, "tickets", ticket.id, { toStageId: t.ticket.Resolved, override: true, reason: "please" });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ type: "/problems/forbidden" });
    const forced = await moveReq(t.keys.admin, "tickets", ticket.id, { toStageId: t.ticket.Resolved, override: true, reason: "Confirmed by phone" });
    expect(forced.status).toBe(200);
    const { data } = await (await historyReq(t.keys.admin, "tickets", ticket.id)).json();
    expect(data[0]).toMatchObject({ toStageId: t.ticket.Resolved, isOverride: true, overrideReason: "Confirmed by phone" });
  });

  it("a readonly key may not move (403); bad bodies are 422; unknown, foreign or stage-less records are 404", async () => {
    const t = await setup();
    const other = await setup();
    const deal = await createRecord(t.ctx, "DEAL", { name: "Mine" });
    expect((await moveReq(t.keys.readonly, "deals", deal.id, { toStageId: t.deal.Qualification })).status).toBe(403);
    const bad = await moveReq(t.keys.admin, "deals", deal.id, { toStageId: "nope", colour: "red" });
    expect(bad.status).toBe(422);
    expect((await moveReq(other.keys.admin, "deals", deal.id, { toStageId: t.deal.Qualification })).status).toBe(404);
    expect((await moveReq(t.keys.admin, "deals", "not-a-uuid", { toStageId: t.deal.Qualification })).status).toBe(404);
    expect((await moveReq(t.keys.admin, "contacts", deal.id, { toStageId: t.deal.Qualification })).status).toBe(404);
    // a stage of another pipeline is refused by the rules, naming the allowed ones
    const wrong = await moveReq(t.keys.admin, "deals", deal.id, { toStageId: t.ticket.New });
    expect(wrong.status).toBe(409);
  });
});

describe("GET /api/v1/{collection}/{id}/stage-history", () => {
  it("lists the moves newest first in the documented shape", async () => {
    const t = await setup();
    const deal = await createRecord(t.ctx, "DEAL", { name: "Journey", amount: "10" });
    for (const stage of ["Qualification", "Proposal", "Negotiation"]) {
      expect((await moveReq(t.keys.sales_rep, "deals", deal.id, { toStageId: t.deal[stage] })).status).toBe(200);
    }
    const res = await historyReq(t.keys.readonly, "deals", deal.id);
    expect(res.status).toBe(200);
    const { data } = await res.json();
    expect(data.map((h: { toStageId: string }) => h.toStageId)).toEqual([t.deal.Negotiation, t.deal.Proposal, t.deal.Qualification, t.deal.Prospecting]);
    expect(Object.keys(data[0]).sort()).toEqual(["changedAt", "changedByUserId", "fromStageId", "id", "isOverride", "overrideReason", "pipelineId", "reason", "source", "toStageId"]);
    expect(data[3]).toMatchObject({ fromStageId: null, source: "USER", changedByUserId: t.userId });
    const times = data.map((h: { changedAt: string }) => Date.parse(h.changedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("is 404 for an unknown record, another tenant's, or a collection without stages", async () => {
    const t = await setup();
    const other = await setup();
    const deal = await createRecord(other.ctx, "DEAL", { name: "Theirs" });
    for (const [collection, id] of [["deals", deal.id], ["deals", crypto.randomUUID()], ["deals", "x"], ["companies", deal.id]] as const) {
      const res = await historyReq(t.keys.admin, collection, id);
      expect(res.status, `${collection}/${id}`).toBe(404);
      expect(await res.json()).toMatchObject({ type: "/problems/not-found" });
    }
  });
});
