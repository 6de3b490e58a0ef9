// The logger never writes a secret: keys named like secrets are redacted, and a failed
// query is logged by its code, constraint and request id, never by its bound values.
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { automationActions, companies } from "@/db/schema";
import { makeTenant } from "@/db/testing/factories";
import { apiRoute } from "@/lib/api/handler";
import { createApiKey } from "@/lib/api/keys";
import { findPgError, isUniqueViolation } from "@/lib/errors";
import { apiRequest, routeParams } from "@/lib/api/testing";
import { withTenant } from "@/lib/tenancy/with-tenant";
import type { TenantContext } from "@/lib/tenancy/context";
import { workerLogLine } from "@/lib/worker/index";
import { captureLogs, log, serializeError } from "./log";

const WEBHOOK_SECRET = `whsec_${"Zm9vYmFy".repeat(6)}`;
const AUTHORIZATION = "Bearer partner-token-6f1e2d";
const AI_KEY = "sk-proj-ai-provider-key-8c7b6a";

/** An insert whose parameters carry all three secrets and that breaks a check constraint (PIPELINE scope without a pipeline). */
async function failingInsert(ctx: TenantContext): Promise<unknown> {
  return withTenant(ctx, (tx) =>
    tx.insert(automationActions).values({
      tenantId: ctx.tenantId,
      name: "Leaky",
      description: AI_KEY,
      entityType: "DEAL",
      scopeType: "PIPELINE",
      triggerEvent: "record.created",
      actionType: "WEBHOOK",
      configJson: { url: "https://hooks.example.test/in", secret: WEBHOOK_SECRET, headers: { Authorization: AUTHORIZATION } },
    }),
  ).then(
    () => expect.unreachable("the insert must fail"),
    (err: unknown) => err,
  );
}

function expectNoSecret(text: string) {
  for (const s of [WEBHOOK_SECRET, "whsec_", AUTHORIZATION, "partner-token", AI_KEY, "sk-proj"]) expect(text).not.toContain(s);
}

let logs: ReturnType<typeof captureLogs>;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

describe("errors thrown by withTenant", () => {
  it("carry no query values, whoever prints them (Next.js prints what a page throws), but keep code and constraint", async () => {
    const t = await makeTenant();
    const err = await failingInsert(t.ctx);
    expectNoSecret(inspect(err, { depth: 10, showHidden: true }));
    expectNoSecret(String((err as Error).stack));
    expect(findPgError(err)).toMatchObject({ code: "23514", constraint_name: "automation_actions_scope_target" });
    expect((err as Error).message).toContain("automation_actions_scope_target");
  });

  it("keep a unique violation recognisable without the value it quotes", async () => {
    const t = await makeTenant();
    const insert = () => withTenant(t.ctx, (tx) => tx.insert(companies).values({ tenantId: t.tenantId, name: "A", domain: "quoted-domain.example" }));
    await insert();
    const err = await insert().then(
      () => expect.unreachable("duplicate domain"),
      (e: unknown) => e,
    );
    expect(isUniqueViolation(err, "companies_domain_key")).toBe(true);
    expect(inspect(err, { depth: 10, showHidden: true })).not.toContain("quoted-domain.example");
  });
});

describe("log redaction", () => {
  it("redacts keys that name secrets, at the top and nested", () => {
    log.info(
      {
        secret: "s-top",
        password: "p-top",
        token: "t-top",
        key: "k-top",
        req: { headers: { authorization: "Bearer h-1", Cookie: "authjs.session-token=c-1", "set-cookie": "c-2", accept: "text/plain" } },
        config: { webhook: { secret: "s-deep", url: "https://ok.example" } },
        ai: { apiKey: "sk-nested-1234567890" },
      },
      "something happened",
    );
    const text = logs.text();
    for (const v of ["s-top", "p-top", "t-top", "k-top", "h-1", "c-1", "c-2", "s-deep", "sk-nested"]) expect(text).not.toContain(v);
    const [line] = logs.lines();
    expect(line).toMatchObject({ msg: "something happened", secret: "[redacted]", req: { headers: { accept: "text/plain", authorization: "[redacted]" } } });
    expect(line!.config).toEqual({ webhook: { secret: "[redacted]", url: "https://ok.example" } });
  });

  it("keeps a plain error's message (tokens in it scrubbed) and its cause", () => {
    const err = new Error(`webhook refused ${WEBHOOK_SECRET} with ${AUTHORIZATION}`, { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
    log.error({ err }, "delivery failed");
    expectNoSecret(logs.text());
    expect(logs.lines()[0]!.err).toMatchObject({ type: "Error", message: "webhook refused [redacted] with [redacted]", cause: { code: "ECONNREFUSED" } });
  });
});

describe("database errors in logs", () => {
  it("logs a failed insert by code, constraint and table, without its parameters", async () => {
    const t = await makeTenant();
    const err = await failingInsert(t.ctx);
    log.error({ err }, "failed");
    expectNoSecret(logs.text());
    expect(logs.lines()[0]!.err).toMatchObject({ code: "23514", constraint: "automation_actions_scope_target", table: "automation_actions" });
    expect(logs.lines()[0]!.err).not.toHaveProperty("message");
  });

  it("leaves out the value a unique violation quotes (Key (domain)=(...))", async () => {
    const t = await makeTenant();
    const insert = () => withTenant(t.ctx, (tx) => tx.insert(companies).values({ tenantId: t.tenantId, name: "A", domain: "private-domain.example" }));
    await insert();
    const err = await insert().then(
      () => expect.unreachable("duplicate domain"),
      (e: unknown) => e,
    );
    expect(serializeError(err)).toMatchObject({ code: "23505", table: "companies" });
    log.error({ err }, "failed");
    expect(logs.text()).not.toContain("private-domain.example");
  });

  it("apiRoute answers a failed insert with a 500 and a request id, and logs the same id with the code, never a secret", async () => {
    const t = await makeTenant();
    const { key } = await createApiKey(t.ctx, { name: "k", role: "admin" });
    const route = apiRoute("records.write", async ({ ctx }) => {
      throw await failingInsert(ctx);
    });
    const res = await route(apiRequest("POST", "/companies", { key, body: { name: "Acme" } }), routeParams({}));
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.requestId).toBe(res.headers.get("x-request-id"));
    expectNoSecret(JSON.stringify(body));
    expectNoSecret(logs.text());
    expect(logs.text()).not.toContain(key);
    const line = logs.lines().find((l) => l.requestId === body.requestId);
    expect(line).toMatchObject({ level: 50, err: { code: "23514", constraint: "automation_actions_scope_target" } });
  });

  it("cuts graphile-worker's failure line before the quoted error and logs the error by its code", async () => {
    const t = await makeTenant();
    const error = (await failingInsert(t.ctx)) as Error;
    const job = { id: "7", task_identifier: "run_automation_execution", attempts: 1, max_attempts: 5, payload: { secret: WEBHOOK_SECRET } };
    const message = `Failed task 7 (run_automation_execution, 3.10ms, attempt 1 of 5) with error '${error.message}':\n  ${error.stack}`;
    const { fields, text } = workerLogLine(message, { failure: true, job, error });
    log.error(fields, text);
    const other = workerLogLine(`Error with notify listener (trying again in 5000ms): ${error.message}`, { error });
    log.error(other.fields, other.text);
    expectNoSecret(logs.text());
    expect(logs.lines().map((l) => l.msg)).toEqual(["Failed task run_automation_execution", "Error with notify listener (trying again in 5000ms):"]);
    expect(logs.lines()[0]).toMatchObject({ job: { id: "7", task: "run_automation_execution" }, err: { code: "23514" } });
  });
});
