// Route-level (answers held to the OpenAPI document): assignment rules, a lead's
// assignments, lead scoring and a lead's score, with a Bearer key.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createApiKey } from "@/lib/api/keys";
import * as assignments from "@/app/api/v1/[collection]/[id]/assignments/route";
import * as score from "@/app/api/v1/[collection]/[id]/score/route";
import * as scoring from "@/app/api/v1/lead-scoring/route";
import * as item from "./[id]/route";
import * as collection from "./route";

const BASE = "http://localhost/api/v1";
function request(method: string, url: string, key: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  return new NextRequest(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}
const none = { params: Promise.resolve({}) };

describe("/api/v1/assignment-rules and lead scoring", () => {
  it("admin: POST 201 routes new leads, GET lists, PATCH, DELETE 204; GET /leads/{id}/assignments", async () => {
    const t = await makeTenant();
    const rep = await makeMember(t.tenantId, "sales_rep", "Rep");
    const { key } = await createApiKey(t.ctx, { name: "admin", role: "admin" });
    const res = await collection.POST(request("POST", `${BASE}/assignment-rules`, key, { name: "Hot to rep", objectType: "LEAD", condition: { field: "rating", op: "eq", value: "hot" }, strategy: "USER", userId: rep.userId }), none);
    expect(res.status).toBe(201);
    const rule = (await res.json()) as { id: string };
    expect(rule).toMatchObject({ name: "Hot to rep", strategy: "USER", userId: rep.userId, groupId: null, enabled: true, priority: 10 });
    expect(await (await collection.GET(request("GET", `${BASE}/assignment-rules?objectType=LEAD`, key), none)).json()).toMatchObject({ data: [{ id: rule.id }] });
    expect((await collection.GET(request("GET", `${BASE}/assignment-rules?objectType=NOPE`, key), none)).status).toBe(422);

    const leadRes = await fetchLead(key, { firstName: "Hot", rating: "hot" });
    expect(leadRes.ownedByUserId).toBe(rep.userId);
    const hist = await assignments.GET(request("GET", `${BASE}/leads/${leadRes.id}/assignments`, key), { params: Promise.resolve({ collection: "leads", id: leadRes.id }) });
    expect(await hist.json()).toEqual({ data: [{ userId: rep.userId, ruleId: rule.id, assignedAt: expect.any(String), assignedBy: null }] });
    expect((await assignments.GET(request("GET", `${BASE}/deals/${leadRes.id}/assignments`, key), { params: Promise.resolve({ collection: "deals", id: leadRes.id }) })).status).toBe(404);

    const patched = await item.PATCH(request("PATCH", `${BASE}/assignment-rules/${rule.id}`, key, { enabled: false }), { params: Promise.resolve({ id: rule.id }) });
    expect(await patched.json()).toMatchObject({ enabled: false });
    expect((await item.PATCH(request("PATCH", `${BASE}/assignment-rules/${rule.id}`, key, { strategy: "ROUND_ROBIN" }), { params: Promise.resolve({ id: rule.id }) })).status).toBe(422);
    expect((await item.DELETE(request("DELETE", `${BASE}/assignment-rules/${rule.id}`, key), { params: Promise.resolve({ id: rule.id }) })).status).toBe(204);
    expect((await item.GET(request("GET", `${BASE}/assignment-rules/${rule.id}`, key), { params: Promise.resolve({ id: rule.id }) })).status).toBe(404);
  });

  it("lead scoring: PUT answers at once with a running rescore; GET /leads/{id}/score gives the breakdown; a rep may read, not write", async () => {
    const t = await makeTenant();
    const { key } = await createApiKey(t.ctx, { name: "admin", role: "admin" });
    const { key: repKey } = await createApiKey(t.ctx, { name: "rep", role: "sales_rep" });
    const body = { rules: [{ label: "Rating is hot", condition: { field: "rating", op: "eq", value: "hot" }, points: 20 }], activityPoints: { CALL: 5 }, decayDays: 30 };
    const put = await scoring.PUT(request("PUT", `${BASE}/lead-scoring`, key, body), none);
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ rules: [{ id: expect.any(String), label: "Rating is hot", points: 20 }], activityPoints: { CALL: 5 }, decayDays: 30, rescore: { status: "RUNNING" } });
    expect((await scoring.PUT(request("PUT", `${BASE}/lead-scoring`, repKey, body), none)).status).toBe(403);
    expect((await scoring.PUT(request("PUT", `${BASE}/lead-scoring`, key, { ...body, rules: [{ label: "x", condition: {}, points: 500 }] }), none)).status).toBe(422);
    expect((await scoring.GET(request("GET", `${BASE}/lead-scoring`, repKey), none)).status).toBe(200);

    const lead = await fetchLead(key, { firstName: "Ann", rating: "hot" });
    const res = await score.GET(request("GET", `${BASE}/leads/${lead.id}/score`, repKey), { params: Promise.resolve({ collection: "leads", id: lead.id }) });
    expect(await res.json()).toMatchObject({ score: 20, total: 20, breakdown: [{ label: "Rating is hot", points: 20 }] });
  });
});

async function fetchLead(key: string, body: Record<string, unknown>): Promise<{ id: string; ownedByUserId: string | null }> {
  const records = await import("@/app/api/v1/[collection]/route");
  const res = await records.POST(request("POST", `${BASE}/leads`, key, body), { params: Promise.resolve({ collection: "leads" }) });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; ownedByUserId: string | null };
}
