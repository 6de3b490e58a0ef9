// Route-level: GET /dashboards, GET /dashboards/{id} and POST /widgets/query with a Bearer
// key, answers held to the OpenAPI document (lib/api/contract-check.ts via contract-setup).
import { describe, expect, it } from "vitest";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createApiKey } from "@/lib/api/keys";
import { apiRequest, routeParams } from "@/lib/api/testing";
import { createRecord } from "@/lib/records/service";
import { createDashboard } from "@/lib/dashboards/service";
import * as query from "../widgets/query/route";
import * as item from "./[id]/route";
import * as collection from "./route";

describe("/api/v1/dashboards and /widgets/query", () => {
  it("lists and reads dashboards, creates one, and runs a widget query in the key's scope", async () => {
    const t = await makeTenant("Api Dash");
    const rep = await makeMember(t.tenantId, "sales_rep", "Rae");
    const admin = (await createApiKey(t.ctx, { name: "admin", role: "admin" })).key;
    const readonly = (await createApiKey(t.ctx, { name: "ro", role: "readonly" })).key;
    const res = await collection.GET(apiRequest("GET", "/dashboards", { key: readonly }), routeParams({}));
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { id: string; name: string; isDefault: boolean; canEdit: boolean }[] };
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ name: "Sales manager", isDefault: true, canEdit: false });
    const private_ = await createDashboard(rep.ctx, { name: "Rae's" });
    expect((await item.GET(apiRequest("GET", `/dashboards/${private_.id}`, { key: admin }), routeParams({ id: private_.id }))).status).toBe(404);

    const one = await item.GET(apiRequest("GET", `/dashboards/${data[0]!.id}`, { key: readonly }), routeParams({ id: data[0]!.id }));
    expect(one.status).toBe(200);
    expect(((await one.json()) as { widgets: unknown[] }).widgets).toHaveLength(6);

    const made = await collection.POST(apiRequest("POST", "/dashboards", { key: admin, body: { name: "Board", visibility: "workspace" } }), routeParams({}));
    expect(made.status).toBe(201);
    expect((await collection.POST(apiRequest("POST", "/dashboards", { key: readonly, body: { name: "No" } }), routeParams({}))).status).toBe(403);

    await createRecord(t.ctx, "DEAL", { name: "A", amount: "100", dealType: "NEW" });
    await createRecord(t.ctx, "DEAL", { name: "B", amount: "250", dealType: "NEW" });
    await createRecord(t.ctx, "DEAL", { name: "C", amount: "50", dealType: "RENEWAL" });
    const q = await query.POST(apiRequest("POST", "/widgets/query", { key: readonly, body: { recordType: "deals", measure: { fn: "sum", field: "amount" }, groupBy: [{ by: "dealType" }] } }), routeParams({}));
    expect(q.status).toBe(200);
    const result = (await q.json()) as { rows: { key1: string; value: number; href: string }[]; money: boolean };
    expect(result.money).toBe(true);
    expect(result.rows.map((r) => [r.key1, r.value])).toEqual([["NEW", 350], ["RENEWAL", 50]]);
    expect(decodeURIComponent(result.rows[0]!.href)).toContain('{"field":"dealType","op":"eq","value":"NEW"}');
    const bad = await query.POST(apiRequest("POST", "/widgets/query", { key: readonly, body: { recordType: "deals", measure: { fn: "avg", field: "name" } } }), routeParams({}));
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe("query.measure.field");
  });
});
