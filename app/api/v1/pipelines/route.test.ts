// Route-level: the exported handlers called as Next would, with a Bearer key.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import { createApiKey } from "@/lib/api/keys";
import type { Role } from "@/lib/auth/permissions";
import type { PipelineJson, StageJson } from "@/lib/pipelines/queries";
import { createRecord } from "@/lib/records/service";
import * as item from "./[id]/route";
import * as stageItem from "./[id]/stages/[stageId]/route";
import * as stageOrder from "./[id]/stages/order/route";
import * as stages from "./[id]/stages/route";
import * as summary from "./[id]/summary/route";
import * as order from "./order/route";
import * as collection from "./route";

const BASE = "http://localhost/api/v1/pipelines";

function req(method: string, path: string, key: string | undefined, body?: unknown) {
  const headers: Record<string, string> = {};
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  return new NextRequest(`${BASE}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}
const params = <T>(p: T) => ({ params: Promise.resolve(p) });

async function tenantWithKeys() {
  const t = await makeTenant();
  const keys = {} as Record<Role, string>;
  for (const role of ["admin", "manager", "sales_rep", "readonly"] as Role[]) keys[role] = (await createApiKey(t.ctx, { name: role, role })).key;
  return { ...t, keys };
}

const list = (key: string, qs = "") => collection.GET(req("GET", qs, key), params({}));
const create = (key: string, body: unknown) => collection.POST(req("POST", "", key, body), params({}));
const one = (method: "GET" | "PATCH" | "DELETE", key: string, id: string, body?: unknown) => item[method](req(method, `/${id}`, key, body), params({ id }));
const stage = (method: "PATCH" | "DELETE", key: string, id: string, stageId: string, body?: unknown) =>
  stageItem[method](req(method, `/${id}/stages/${stageId}`, key, body), params({ id, stageId }));

describe("/api/v1/pipelines", () => {
  it("lists the pipelines of an object type with ordered stages in the documented shape", async () => {
    const t = await tenantWithKeys();
    const res = await list(t.keys.readonly, "?objectType=DEAL");
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: PipelineJson[] };
    expect(data).toHaveLength(1);
    expect(Object.keys(data[0]!).sort()).toEqual(["description", "displayOrder", "id", "isActive", "isDefault", "movementMode", "name", "objectType", "pipelineKey", "stages"]);
    expect(data[0]).toMatchObject({ name: "Sales Pipeline", objectType: "DEAL", pipelineKey: "sales", isDefault: true, movementMode: "FLEXIBLE" });
    expect(data[0]!.stages.map((s) => [s.name, s.probability])).toEqual([
      ["Prospecting", 0.1],
      ["Qualification", 0.25],
      ["Proposal", 0.5],
      ["Negotiation", 0.75],
      ["Closed Won", 1],
      ["Closed Lost", 0],
    ]);
    expect(data[0]!.stages[0]).toEqual({
      id: expect.any(String),
      name: "Prospecting",
      displayOrder: 0,
      stageState: "NOT_STARTED",
      probability: 0.1,
      color: "#6B7280",
      requiredFields: [],
      expectedDays: 14,
      inheritPipelineActions: true,
    });
    const all = (await (await list(t.keys.readonly)).json()) as { data: PipelineJson[] };
    expect(all.data.map((p) => p.objectType).sort()).toEqual(["DEAL", "LEAD", "TICKET"]);
    expect((await list(t.keys.readonly, "?objectType=WIDGET")).status).toBe(400);
  });

  it("an admin key creates (201) with stages, patches, edits stages, reorders and deletes (204)", async () => {
    const t = await tenantWithKeys();
    const key = t.keys.admin;
    const created = await create(key, {
      name: "Enterprise",
      objectType: "DEAL",
      pipelineKey: "enterprise",
      movementMode: "ENFORCED",
      stages: [{ name: "Intro" }, { name: "Pilot", stageState: "IN_PROGRESS", probability: 0.4 }, { name: "Signed", stageState: "DONE_SUCCESS" }],
    });
    expect(created.status).toBe(201);
    const p = (await created.json()) as PipelineJson;
    expect(p).toMatchObject({ name: "Enterprise", pipelineKey: "enterprise", movementMode: "ENFORCED", isDefault: false });
    expect(p.stages.map((s) => s.name)).toEqual(["Intro", "Pilot", "Signed"]);

    const dup = await create(key, { name: "Again", objectType: "DEAL", pipelineKey: "enterprise" });
    expect(dup.status).toBe(409);
    expect(await dup.json()).toMatchObject({ type: "/problems/conflict", errors: [{ path: "pipelineKey" }] });

    const patched = await one("PATCH", key, p.id, { name: "Enterprise deals", isDefault: true });
    expect(await patched.json()).toMatchObject({ name: "Enterprise deals", isDefault: true });

    const added = await stages.POST(req("POST", `/${p.id}/stages`, key, { name: "Security review", requiredFields: ["amount", "customFields.dpa"] }), params({ id: p.id }));
    expect(added.status).toBe(201);
    const review = (await added.json()) as StageJson;
    expect(review).toMatchObject({ name: "Security review", displayOrder: 3, requiredFields: ["amount", "customFields.dpa"] });

    const bad = await stage("PATCH", key, p.id, review.id, { requiredFields: ["amount", "shoeSize"], probability: 0.5 });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ type: "/problems/validation", errors: [{ path: "requiredFields[1]" }] });
    const edited = await stage("PATCH", key, p.id, review.id, { probability: "0.6", color: "#0ea5e9", expectedDays: 5 });
    expect(await edited.json()).toMatchObject({ probability: 0.6, color: "#0ea5e9", expectedDays: 5 });

    const ids = [review.id, ...p.stages.map((s) => s.id)];
    const reordered = await stageOrder.PUT(req("PUT", `/${p.id}/stages/order`, key, { stageIds: ids }), params({ id: p.id }));
    expect(((await reordered.json()) as PipelineJson).stages.map((s) => s.id)).toEqual(ids);
    const partial = await stageOrder.PUT(req("PUT", `/${p.id}/stages/order`, key, { stageIds: ids.slice(1) }), params({ id: p.id }));
    expect(partial.status).toBe(422);

    // a record in the first stage blocks deleting it: 409 with the count
    await createRecord(t.ctx, "DEAL", { name: "In review", pipelineId: p.id });
    const blocked = await stage("DELETE", key, p.id, review.id);
    expect(blocked.status).toBe(409);
    expect(await blocked.json()).toMatchObject({ type: "/problems/conflict", recordCount: 1, detail: expect.stringContaining("1 record is still in this stage") });
    expect((await stage("DELETE", key, p.id, p.stages[1]!.id)).status).toBe(204);
    expect(((await (await one("GET", key, p.id)).json()) as PipelineJson).stages.map((s) => s.name)).toEqual(["Security review", "Intro", "Signed"]);

    // the default cannot be deleted; after handing the default back, records still block it
    expect((await one("DELETE", key, p.id)).status).toBe(409);
    const sales = ((await (await list(key, "?objectType=DEAL")).json()) as { data: PipelineJson[] }).data.find((x) => x.pipelineKey === "sales")!;
    await one("PATCH", key, sales.id, { isDefault: true });
    const inUse = await one("DELETE", key, p.id);
    expect(inUse.status).toBe(409);
    expect(await inUse.json()).toMatchObject({ recordCount: 1 });

    const empty = (await (await create(key, { name: "Scratch", objectType: "DEAL" })).json()) as PipelineJson;
    const ordered = await order.PUT(req("PUT", "/order", key, { objectType: "DEAL", pipelineIds: [empty.id, p.id, sales.id] }), params({}));
    expect(((await ordered.json()) as { data: PipelineJson[] }).data.map((x) => x.id)).toEqual([empty.id, p.id, sales.id]);
    expect((await one("DELETE", key, empty.id)).status).toBe(204);
    expect((await one("GET", key, empty.id)).status).toBe(404);
  });

  it("a readonly (or manager) key cannot POST /pipelines or change stages: 403, nothing created", async () => {
    const t = await tenantWithKeys();
    for (const role of ["readonly", "manager", "sales_rep"] as const) {
      const res = await create(t.keys[role], { name: "Nope", objectType: "DEAL" });
      expect(res.status, role).toBe(403);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(await res.json()).toMatchObject({ type: "/problems/forbidden" });
    }
    const { data } = (await (await list(t.keys.readonly, "?objectType=DEAL")).json()) as { data: PipelineJson[] };
    expect(data).toHaveLength(1);
    const p = data[0]!;
    expect((await stage("PATCH", t.keys.manager, p.id, p.stages[0]!.id, { name: "x" })).status).toBe(403);
    expect((await stages.POST(req("POST", `/${p.id}/stages`, t.keys.readonly, { name: "x" }), params({ id: p.id }))).status).toBe(403);
  });

  it("another tenant's pipeline or stage is 404 for every method, and stays unchanged", async () => {
    const a = await tenantWithKeys();
    const b = await tenantWithKeys();
    const bp = ((await (await list(b.keys.admin, "?objectType=DEAL")).json()) as { data: PipelineJson[] }).data[0]!;
    const ap = ((await (await list(a.keys.admin, "?objectType=DEAL")).json()) as { data: PipelineJson[] }).data[0]!;
    const key = a.keys.admin;
    const sid = bp.stages[0]!.id;
    const responses = [
      await one("GET", key, bp.id),
      await one("PATCH", key, bp.id, { name: "pwned" }),
      await one("DELETE", key, bp.id),
      await stages.POST(req("POST", `/${bp.id}/stages`, key, { name: "pwned" }), params({ id: bp.id })),
      await stage("PATCH", key, bp.id, sid, { name: "pwned" }),
      await stage("PATCH", key, ap.id, sid, { name: "pwned" }),
      await stage("DELETE", key, ap.id, sid),
      await stageOrder.PUT(req("PUT", `/${bp.id}/stages/order`, key, { stageIds: bp.stages.map((s) => s.id) }), params({ id: bp.id })),
      await summary.GET(req("GET", `/${bp.id}/summary`, key), params({ id: bp.id })),
      await one("GET", key, "not-a-uuid"),
    ];
    for (const r of responses) {
      expect(r.status).toBe(404);
      expect(await r.json()).toMatchObject({ type: "/problems/not-found" });
    }
    expect(await (await one("GET", b.keys.admin, bp.id)).json()).toEqual(bp);
  });

  it("serves the dwell summary; a bad date is a 400", async () => {
    const t = await tenantWithKeys();
    const p = ((await (await list(t.keys.readonly, "?objectType=DEAL")).json()) as { data: PipelineJson[] }).data[0]!;
    await createRecord(t.ctx, "DEAL", { name: "Fresh" });
    const res = await summary.GET(req("GET", `/${p.id}/summary?from=2020-01-01&to=2999-12-31`, t.keys.readonly), params({ id: p.id }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { from: string; to: string; stages: { name: string; entries: number; openEntries: number }[] };
    expect(body.from).toBe("2020-01-01T00:00:00.000Z");
    expect(body.to).toBe("3000-01-01T00:00:00.000Z");
    expect(body.stages[0]).toMatchObject({ name: "Prospecting", entries: 1, openEntries: 1 });
    const bad = await summary.GET(req("GET", `/${p.id}/summary?from=yesterday`, t.keys.readonly), params({ id: p.id }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ type: "/problems/bad-request" });
  });
});
