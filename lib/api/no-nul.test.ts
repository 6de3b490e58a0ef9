// U+0000 cannot be stored by PostgreSQL: every input edge refuses it with a validation
// error naming the field (it used to reach the database and answer 500).
import { beforeEach, describe, expect, it, vi } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import type { SessionInfo } from "@/lib/auth/session";
import { captureLogs } from "@/lib/log";
import { listRecords } from "@/lib/records/queries";
import { createApiKey } from "./keys";
import { findNul, NUL_MESSAGE } from "./no-nul";
import { apiRequest as req, routeParams as params } from "./testing";

const session = vi.hoisted(() => ({ current: null as SessionInfo | null }));
vi.mock("@/lib/auth/session", () => ({ getSession: async () => session.current, requireSession: async () => session.current }));
const { GET: list, POST } = await import("@/app/api/v1/[collection]/route");
const { GET: getOne } = await import("@/app/api/v1/[collection]/[id]/route");
const { POST: createAutomation } = await import("@/app/api/v1/automations/route");
const { createRecordAction, updateRecordAction } = await import("@/lib/records/actions");

async function tenantWithKey() {
  const t = await makeTenant();
  return { ...t, key: (await createApiKey(t.ctx, { name: "k", role: "admin" })).key };
}

async function expectNulRefusal(res: Response, path: string) {
  expect(res.status).toBe(422);
  expect(await res.json()).toMatchObject({ type: "/problems/validation", errors: [{ path, message: NUL_MESSAGE }] });
}

beforeEach(() => {
  session.current = null;
});

describe("findNul", () => {
  it("finds the first NUL in strings and keys, with a path, and survives deep nesting", () => {
    expect(findNul({ a: ["x", { b: "y\u0000" }] })).toEqual(["a", 1, "b"]);
    expect(findNul({ ok: 1, ["k\u0000"]: 2 })).toEqual(["k\u0000"]);
    expect(findNul(new URLSearchParams("q=a%00b"))).toEqual(["q"]);
    expect(findNul({ a: "fine", n: 1, b: [null, true] })).toBeNull();
    let deep: unknown = "bottom\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findNul(deep)).toHaveLength(100_000);
  });
});

describe("NUL in REST input", () => {
  it("answers 422 naming the body field, for values and keys, and stores nothing", async () => {
    const t = await tenantWithKey();
    await expectNulRefusal(await POST(req("POST", "/companies", { key: t.key, body: { name: "Acme\u0000Corp" } }), params({ collection: "companies" })), "name");
    await expectNulRefusal(await POST(req("POST", "/contacts", { key: t.key, body: { firstName: "Ann", tags: ["ok", "b\u0000d"] } }), params({ collection: "contacts" })), "tags[1]");
    await expectNulRefusal(
      await POST(req("POST", "/companies", { key: t.key, body: { name: "Acme", customFields: { "tier\u0000": "gold" } } }), params({ collection: "companies" })),
      "customFields.tier\\u0000",
    );
    expect((await listRecords(t.ctx, "COMPANY", {})).data).toHaveLength(0);
  });

  it("answers 422 naming the query parameter or path segment", async () => {
    const t = await tenantWithKey();
    await expectNulRefusal(await list(req("GET", "/companies?q=a%00b", { key: t.key }), params({ collection: "companies" })), "q");
    await expectNulRefusal(await getOne(req("GET", "/companies/x%00", { key: t.key }), params({ collection: "companies", id: "x\u0000" })), "id");
  });

  it("refuses a webhook automation whose name holds a NUL before the database sees it, and logs no secret", async () => {
    const t = await tenantWithKey();
    const secret = `whsec_${"c2VjcmV0".repeat(6)}`;
    const logs = captureLogs();
    try {
      const res = await createAutomation(
        req("POST", "/automations", {
          key: t.key,
          body: {
            name: "Hook\u0000",
            entityType: "DEAL",
            scopeType: "ENTITY",
            triggerEvent: "record.created",
            actionType: "WEBHOOK",
            config: { url: "https://hooks.example.test/in", secret, headers: { Authorization: "Bearer partner-token" } },
          },
        }),
        params({}),
      );
      await expectNulRefusal(res, "name");
      expect(logs.text()).not.toContain(secret);
      expect(logs.text()).not.toContain("partner-token");
    } finally {
      logs.restore();
    }
  });
});

describe("NUL in server actions", () => {
  it("is a validation error naming the field, and the action does not run", async () => {
    const t = await makeTenant();
    session.current = {
      ctx: t.ctx,
      user: { id: t.userId, email: t.email, name: "Admin" },
      role: "admin",
      tenantName: "T",
      memberships: [],
    };
    const refused = await createRecordAction({ kind: "CONTACT", values: { firstName: "Ann\u0000" } });
    expect(refused?.data).toBeUndefined();
    expect(refused?.validationErrors).toMatchObject({ _errors: [`values.firstName: ${NUL_MESSAGE}`], values: { firstName: { _errors: [NUL_MESSAGE] } } });
    expect((await listRecords(t.ctx, "CONTACT", {})).data).toHaveLength(0);

    const created = await createRecordAction({ kind: "CONTACT", values: { firstName: "Ann" } });
    expect(created?.data).toMatchObject({ id: expect.any(String) });
    const id = created!.data!.id;
    // a key no schema knows, sent as a browser could: the NUL check runs before the schema
    const patched = await updateRecordAction({ kind: "CONTACT", id, patch: { "lastName\u0000": "x" } } as never);
    expect(patched?.validationErrors).toMatchObject({ patch: { "lastName\u0000": { _errors: [NUL_MESSAGE] } } });
  });
});
