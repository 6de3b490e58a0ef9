// GET /audit-log and the contact privacy routes, called as a client would.
import { describe, expect, it } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import { createApiKey } from "@/lib/api/keys";
import { apiRequest, routeParams } from "@/lib/api/testing";
import { createRecord } from "@/lib/records/service";
import { GET } from "./route";
import { POST as erase } from "../[collection]/[id]/erase/route";
import { GET as exportData } from "../[collection]/[id]/export/route";
import { POST as create } from "../[collection]/route";

describe("GET /api/v1/audit-log", () => {
  it("answers an admin key the entries of a record, with the key as actor and the address; a manager key is refused", async () => {
    const t = await makeTenant();
    const admin = await createApiKey(t.ctx, { name: "admin", role: "admin" });
    const manager = await createApiKey(t.ctx, { name: "mgr", role: "manager" });
    const res = await create(apiRequest("POST", "/contacts", { key: admin.key, body: { firstName: "Ann" }, headers: { "x-forwarded-for": "203.0.113.9" } }), routeParams({ collection: "contacts" }));
    const contact = (await res.json()) as { id: string };
    const page = await GET(apiRequest("GET", `/audit-log?recordType=CONTACT&recordId=${contact.id}`, { key: admin.key }), routeParams({}));
    expect(page.status).toBe(200);
    expect(await page.json()).toEqual({
      data: [expect.objectContaining({ action: "record.created", recordId: contact.id, actorApiKeyId: admin.id, actorUserId: null, ip: "203.0.113.9" })],
      nextCursor: null,
    });
    const refused = await GET(apiRequest("GET", "/audit-log", { key: manager.key }), routeParams({}));
    expect(refused.status).toBe(403);
    const bad = await GET(apiRequest("GET", "/audit-log?action=nope", { key: admin.key }), routeParams({}));
    expect(bad.status).toBe(400);
  });
});

describe("POST /contacts/{id}/erase and GET /contacts/{id}/export", () => {
  it("an admin erases (204), the export shows it erased, re-creating the email is a 422; a manager may export but not erase", async () => {
    const t = await makeTenant();
    const admin = await createApiKey(t.ctx, { name: "admin", role: "admin" });
    const manager = await createApiKey(t.ctx, { name: "mgr", role: "manager" });
    const c = await createRecord(t.ctx, "CONTACT", { firstName: "Jane", email: "jane@example.test" });
    const params = routeParams({ collection: "contacts", id: c.id });
    expect((await erase(apiRequest("POST", `/contacts/${c.id}/erase`, { key: manager.key }), params)).status).toBe(403);
    expect((await erase(apiRequest("POST", `/contacts/${c.id}/erase`, { key: admin.key }), params)).status).toBe(204);
    const exported = await exportData(apiRequest("GET", `/contacts/${c.id}/export`, { key: manager.key }), params);
    expect(exported.status).toBe(200);
    const body = (await exported.json()) as { contact: Record<string, unknown>; auditEntries: { action: string }[] };
    expect(body.contact).toMatchObject({ firstName: "erased", email: "erased" });
    expect(body.auditEntries.map((e) => e.action)).toContain("record.erased");
    const again = await create(apiRequest("POST", "/contacts", { key: admin.key, body: { email: "jane@example.test" } }), routeParams({ collection: "contacts" }));
    expect(again.status).toBe(422);
    expect(await again.json()).toMatchObject({ errors: [{ path: "email", message: "erased contact" }] });
    const notContacts = await exportData(apiRequest("GET", `/deals/${c.id}/export`, { key: admin.key }), routeParams({ collection: "deals", id: c.id }));
    expect(notContacts.status).toBe(404);
  });
});
