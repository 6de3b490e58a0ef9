// The AI provider key belongs to the origin it was entered for: a base URL on another
// origin clears it, and the AI worker never takes it along a redirect. Real HTTP servers
// on 127.0.0.1 and 127.0.0.2 (two origins); the worker's run is called directly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import { createRecord } from "@/lib/records/service";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { getAiSettings, saveAiSettings } from "./ai-settings";
import { runAiWorker } from "./ai-worker";
import { loadRecordRow } from "./plan";
import { createAutomation, loadAutomation } from "./service";
import { startReceiver } from "./test-harness";

describe("AI settings: the key stays with its origin", () => {
  it("clears the stored key when the base URL moves to another origin without a new key", async () => {
    const t = await makeTenant("AI Origin Co");
    const save = (baseUrl: string | null, apiKey?: string) => saveAiSettings(t.ctx, { baseUrl, model: "m", ...(apiKey === undefined ? {} : { apiKey }) });
    expect(await save("https://api.one.example/v1", "sk-one")).toMatchObject({ hasApiKey: true });
    // same origin, another path: the key stays
    expect(await save("https://api.one.example/v2")).toEqual({ baseUrl: "https://api.one.example/v2", model: "m", hasApiKey: true });
    // another host, port or scheme: the key is gone unless a new one comes with it
    for (const other of ["https://api.two.example/v2", "https://api.one.example:8443/v2", "http://api.one.example/v2"]) {
      await save("https://api.one.example/v2", "sk-one");
      expect(await save(other), other).toMatchObject({ baseUrl: other, hasApiKey: false });
    }
    expect(await save("https://api.two.example/v1", "sk-two")).toMatchObject({ hasApiKey: true });
    expect(await save(null)).toMatchObject({ baseUrl: null, hasApiKey: false });
    expect(await getAiSettings(t.ctx)).toEqual({ baseUrl: null, model: "m", hasApiKey: false });
  });
});

describe("AI worker redirects", () => {
  let provider: Awaited<ReturnType<typeof startReceiver>>;
  let elsewhere: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    provider = await startReceiver("127.0.0.1");
    elsewhere = await startReceiver("127.0.0.2");
  });
  afterAll(async () => {
    await provider.close();
    await elsewhere.close();
  });

  it("does not follow a redirect to another origin with the key: the run fails naming the Location", async () => {
    const t = await makeTenant("AI Redirect Co");
    await saveAiSettings(t.ctx, { baseUrl: `${provider.url}/v1`, model: "m", apiKey: "sk-redirect-secret" });
    // disabled, so nothing but this test runs it
    const { automation } = await createAutomation(t.ctx, {
      name: "Summarise",
      entityType: "COMPANY",
      scopeType: "ENTITY",
      triggerEvent: "record.created",
      actionType: "AIWORKER",
      enabled: false,
      config: { prompt: "Summarise {{record.name}}", output: { type: "note" } },
    });
    const company = await createRecord(t.ctx, "COMPANY", { name: "Redirected" });
    const [row, record] = await withTenant(t.ctx, async (tx) => [await loadAutomation(tx, t.ctx, automation.id), await loadRecordRow(tx, t.ctx, "COMPANY", company.id)] as const);

    for (const status of [301, 302, 303, 307, 308]) {
      provider.reply({ status, headers: { location: `${elsewhere.url}/v1/chat/completions` } });
      const outcome = await runAiWorker(row, company.id, record);
      expect(outcome).toMatchObject({ result: "failed", responseCode: status });
      expect(outcome.error).toContain(`${elsewhere.url}/v1/chat/completions`);
    }
    expect(provider.received.map((r) => r.headers.authorization)).toEqual(Array(5).fill("Bearer sk-redirect-secret"));
    expect(elsewhere.received).toEqual([]);
    expect(elsewhere.connections()).toBe(0);
  });
});
