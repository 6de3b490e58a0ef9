// What a manager (who may read automations, not change them) sees of a webhook's secrets:
// custom header values masked in the automation, the list, the REST API and the dry run,
// and a dry-run signature that no receiver accepts. And what a masked value sent back means.
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { POST as dryRunRoute } from "@/app/api/v1/automations/[id]/dry-run/route";
import { GET as getOneRoute } from "@/app/api/v1/automations/[id]/route";
import { GET as listRoute } from "@/app/api/v1/automations/route";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createApiKey } from "@/lib/api/keys";
import { apiRequest as req, routeParams as params } from "@/lib/api/testing";
import { createRecord } from "@/lib/records/service";
import { dryRun } from "./dry-run";
import { MASK } from "./masking";
import { createAutomation, getAutomation, listAutomations, updateAutomation } from "./service";

const TOKEN = "Bearer receiver-token-42";

async function setup() {
  const t = await makeTenant("Secrets Co");
  const manager = await makeMember(t.tenantId, "manager");
  const { automation, webhookSecret } = await createAutomation(t.ctx, {
    name: "Deals to ERP",
    entityType: "DEAL",
    scopeType: "ENTITY",
    triggerEvent: "record.updated",
    actionType: "WEBHOOK",
    config: { url: "https://erp.example.com/hooks", headers: { Authorization: TOKEN, "X-Team": "billing" } },
  });
  const deal = await createRecord(t.ctx, "DEAL", { name: "Masked", amount: "10" });
  return { ...t, manager, automation, secret: webhookSecret!, deal };
}

describe("webhook secrets and managers", () => {
  it("masks custom header values for managers everywhere they read the automation; admins see them", async () => {
    const s = await setup();
    const masked = { Authorization: MASK, "X-Team": MASK };
    expect((await getAutomation(s.manager.ctx, s.automation.id)).config.headers).toEqual(masked);
    expect((await listAutomations(s.manager.ctx))[0]!.config.headers).toEqual(masked);
    expect((await getAutomation(s.ctx, s.automation.id)).config.headers).toEqual({ Authorization: TOKEN, "X-Team": "billing" });
    expect(s.automation.config.headers).toEqual({ Authorization: TOKEN, "X-Team": "billing" }); // the admin who created it

    const key = (await createApiKey(s.ctx, { name: "mgr", role: "manager" })).key;
    const one = await getOneRoute(req("GET", `/automations/${s.automation.id}`, { key }), params({ id: s.automation.id }));
    const all = await listRoute(req("GET", "/automations", { key }), params({}));
    const dry = await dryRunRoute(req("POST", `/automations/${s.automation.id}/dry-run`, { key, body: { entityId: s.deal.id } }), params({ id: s.automation.id }));
    for (const res of [one, all, dry]) {
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toContain("receiver-token-42");
      expect(text).not.toContain("billing");
    }
    const [asManager] = await dryRun(s.manager.ctx, { entityType: "DEAL", entityId: s.deal.id, triggerEvent: "record.updated" });
    expect(asManager!.request!.headers).toMatchObject(masked);
    const [asAdmin] = await dryRun(s.ctx, { entityType: "DEAL", entityId: s.deal.id, triggerEvent: "record.updated" });
    expect(asAdmin!.request!.headers).toMatchObject({ Authorization: TOKEN, "X-Team": "billing" });
  });

  it("signs the dry run with a throwaway secret: the signature does not verify with the automation's secret", async () => {
    const s = await setup();
    for (const ctx of [s.manager.ctx, s.ctx]) {
      const [r] = await dryRun(ctx, { entityType: "DEAL", entityId: s.deal.id, triggerEvent: "record.updated" });
      const { request, dryRunSecret } = r!;
      expect(request!.headers["webhook-signature"]).toMatch(/^v1,/);
      expect(() => new Webhook(s.secret).verify(request!.body, request!.headers)).toThrow();
      // it is the signature a delivery would carry, computed with the secret shown beside it
      expect(new Webhook(dryRunSecret!).verify(request!.body, request!.headers)).toMatchObject({ type: "record.updated", data: { entityId: s.deal.id } });
      expect(JSON.stringify(r)).not.toContain(s.secret);
    }
    const [first] = await dryRun(s.manager.ctx, { entityType: "DEAL", entityId: s.deal.id, triggerEvent: "record.updated" });
    const [second] = await dryRun(s.manager.ctx, { entityType: "DEAL", entityId: s.deal.id, triggerEvent: "record.updated" });
    expect(first!.dryRunSecret).not.toBe(second!.dryRunSecret);
  });

  it("keeps the stored value when a masked one comes back, and refuses a mask with nothing to keep", async () => {
    const s = await setup();
    // the config as a manager reads it, saved back with another URL (hasSecret is read-only)
    const { hasSecret: _, ...seen } = (await getAutomation(s.manager.ctx, s.automation.id)).config;
    await updateAutomation(s.ctx, s.automation.id, { config: { ...seen, url: "https://erp.example.com/v2" } });
    expect((await getAutomation(s.ctx, s.automation.id)).config).toMatchObject({ url: "https://erp.example.com/v2", headers: { Authorization: TOKEN, "X-Team": "billing" } });
    // header names are case-insensitive: a masked "authorization" keeps "Authorization"'s value
    await updateAutomation(s.ctx, s.automation.id, { config: { url: "https://erp.example.com/v2", headers: { authorization: MASK, "X-Team": "ops" } } });
    expect((await getAutomation(s.ctx, s.automation.id)).config.headers).toEqual({ authorization: TOKEN, "X-Team": "ops" });

    const refused = { code: "validation", extensions: { errors: [{ path: "config.headers.X-New", message: expect.stringMatching(/no stored value/) }] } };
    await expect(updateAutomation(s.ctx, s.automation.id, { config: { url: "https://erp.example.com/v2", headers: { "X-New": MASK } } })).rejects.toMatchObject(refused);
    await expect(
      createAutomation(s.ctx, { name: "Copy", entityType: "DEAL", scopeType: "ENTITY", triggerEvent: "record.updated", actionType: "WEBHOOK", config: { url: "https://erp.example.com/hooks", headers: { "X-New": MASK } } }),
    ).rejects.toMatchObject(refused);
    expect((await getAutomation(s.ctx, s.automation.id)).config.headers).toEqual({ authorization: TOKEN, "X-Team": "ops" });
  });
});
