// The request path's key cache (issue 15): a key is looked up once per instance, and still
// a revoked key, a deactivated member's key or a member's new role holds from the very next
// request — whether or not the NOTIFY that evicts the entry has arrived yet.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createRecord } from "@/lib/records/service";
import { putAccessPolicy } from "@/lib/tenancy/access-policy";
import type { TenantContext } from "@/lib/tenancy/context";
import { changeMemberRole, setMemberActive } from "@/lib/tenancy/members";
import { StaleApiKeyError, withTenant, withTenantPipelined } from "@/lib/tenancy/with-tenant";
import * as item from "@/app/api/v1/[collection]/[id]/route";
import { apiRequest, routeParams } from "./testing";
import { createApiKey, hashApiKey, revokeApiKey } from "./keys";
import { cachedKey } from "./key-cache";

async function getContact(key: string, id: string) {
  return item.GET(apiRequest("GET", `/contacts/${id}`, { key }), routeParams({ collection: "contacts", id }));
}

async function setup() {
  const t = await makeTenant();
  const rep = await makeMember(t.tenantId, "sales_rep", "Rob Rep");
  const contact = await createRecord(t.ctx, "CONTACT", { firstName: "Ada", ownedByUserId: t.userId });
  return { t, rep, contact };
}

/** The first request answers 200 and leaves the key in this instance's cache. */
async function warm(key: string, contactId: string) {
  expect((await getContact(key, contactId)).status).toBe(200);
  expect(cachedKey(hashApiKey(key))).toBeDefined();
}

describe("API key cache (request path)", () => {
  it("a revoked key is refused on the very next request, and the NOTIFY evicts it", async () => {
    const { t, contact } = await setup();
    const key = await createApiKey(t.ctx, { name: "integration", role: "manager" });
    await warm(key.key, contact.id);
    await revokeApiKey(t.ctx, key.id);
    const next = await getContact(key.key, contact.id);
    expect(next.status).toBe(401);
    expect(cachedKey(hashApiKey(key.key))).toBeUndefined();
  });

  it("the NOTIFY of a revocation evicts the cached key without a request", async () => {
    const { t, contact } = await setup();
    const key = await createApiKey(t.ctx, { name: "integration", role: "manager" });
    await warm(key.key, contact.id);
    await revokeApiKey(t.ctx, key.id);
    await expect.poll(() => cachedKey(hashApiKey(key.key))).toBeUndefined();
  });

  it("a deactivated member's key is refused on the very next request", async () => {
    const { t, rep, contact } = await setup();
    const key = await createApiKey(t.ctx, { name: "rep's", userId: rep.userId });
    await warm(key.key, contact.id);
    await setMemberActive(t.ctx, { userId: rep.userId, active: false });
    expect((await getContact(key.key, contact.id)).status).toBe(401);
  });

  it("a member's new role holds from the very next request (their scope with it)", async () => {
    const { t, rep, contact } = await setup();
    // sales reps see only their own contacts; managers all
    await putAccessPolicy(t.ctx, { sales_rep: { CONTACT: { read: "own", write: "own" } } });
    await changeMemberRole(t.ctx, { userId: rep.userId, role: "manager" });
    const key = await createApiKey(t.ctx, { name: "rep's", userId: rep.userId });
    await warm(key.key, contact.id);
    await changeMemberRole(t.ctx, { userId: rep.userId, role: "sales_rep" });
    // the admin's contact is out of a rep's scope: it does not exist for them
    expect((await getContact(key.key, contact.id)).status).toBe(404);
    expect(cachedKey(hashApiKey(key.key))?.ctx.actor.role).toBe("sales_rep");
  });

  it("withTenant refuses a key's stale answer in its own transaction, whatever the cache holds", async () => {
    const { t, rep } = await setup();
    const key = await createApiKey(t.ctx, { name: "rep's", userId: rep.userId });
    const asKey: TenantContext = { tenantId: t.tenantId, actor: { kind: "api_key", userId: rep.userId, apiKeyId: key.id, role: "sales_rep", source: "API" } };
    await expect(withTenant(asKey, async () => "ran")).resolves.toBe("ran");
    // the role it was cached with no longer holds
    await expect(withTenant({ ...asKey, actor: { ...asKey.actor, role: "manager" } }, async () => "ran")).rejects.toBeInstanceOf(StaleApiKeyError);
    await revokeApiKey(t.ctx, key.id);
    await expect(withTenant(asKey, (tx) => tx.execute(sql`select 1`))).rejects.toBeInstanceOf(StaleApiKeyError);
    await expect(withTenantPipelined(asKey, (tx) => tx.sql`select 1`)).rejects.toBeInstanceOf(StaleApiKeyError);
  });

  it("a key seen before is not looked up again while nothing changes", async () => {
    const { t, contact } = await setup();
    const key = await createApiKey(t.ctx, { name: "integration", role: "readonly" });
    await warm(key.key, contact.id);
    const entry = cachedKey(hashApiKey(key.key))!;
    expect((await getContact(key.key, contact.id)).status).toBe(200);
    expect(cachedKey(hashApiKey(key.key))).toBe(entry);
    const ctx: TenantContext = entry.ctx;
    expect(ctx).toMatchObject({ tenantId: t.tenantId, actor: { kind: "api_key", apiKeyId: key.id, role: "readonly" } });
  });
});
