// Every operation of the OpenAPI document, called once with real data through its route
// handler, as an integrator's generated client would. Each answer is checked against the
// document by apiRoute in tests (lib/api/contract-check.ts); the last test proves that
// every documented operation was answered with a success and so had its shape checked.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import type { oas31 } from "zod-openapi";
import { automationActionExecutions, automationExecutionAttempts, notifications, publishedEvents } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createApiKey } from "@/lib/api/keys";
import { answered } from "@/lib/api/contract-check";
import { openApiDocument } from "@/lib/api/openapi";
import { apiRequest, routeParams } from "@/lib/api/testing";
import type { SessionInfo } from "@/lib/auth/session";
import { withTenant } from "@/lib/tenancy/with-tenant";

const session = vi.hoisted(() => ({ current: null as SessionInfo | null }));
vi.mock("@/lib/auth/session", () => ({ getSession: async () => session.current }));

type Handler = (req: NextRequest, route: { params: Promise<Record<string, string>> }) => Promise<Response>;
const modules = import.meta.glob<Record<string, Handler>>("./**/route.ts", { eager: true });
const routes = Object.entries(modules).map(([file, mod]) => ({ segments: file.split("/").slice(1, -1), mod }));

/** The route Next would answer `path` with (literal segments before dynamic ones), and its params. */
function routeFor(path: string) {
  const parts = path.split("?")[0]!.split("/").slice(1);
  const fits = routes.flatMap((r) => {
    if (r.segments.length !== parts.length) return [];
    const params: Record<string, string> = {};
    const ok = r.segments.every((s, i) => {
      const name = /^\[(.+)\]$/.exec(s)?.[1];
      if (name) params[name] = decodeURIComponent(parts[i]!);
      return name !== undefined || s === parts[i];
    });
    return ok ? [{ ...r, params, literal: r.segments.filter((s) => !s.startsWith("[")).length }] : [];
  });
  const best = fits.sort((a, b) => b.literal - a.literal)[0];
  if (!best) throw new Error(`no route for ${path}`);
  return best;
}

let key = "";

/** Calls the route a client would reach with `METHOD path`; answers the status and the JSON body. */
async function call(method: string, path: string, opts: { body?: unknown; key?: string; headers?: Record<string, string>; expect?: number } = {}) {
  const route = routeFor(path);
  const handler = route.mod[method];
  if (!handler) throw new Error(`${path} has no ${method}`);
  const res = await handler(apiRequest(method, path, { key: opts.key ?? key, body: opts.body, headers: opts.headers }), routeParams(route.params));
  const type = res.headers.get("content-type") ?? "";
  const body = type.includes("json") ? await res.json() : undefined;
  if (opts.expect !== undefined) expect(res.status, `${method} ${path}: ${JSON.stringify(body)}`).toBe(opts.expect);
  else expect(res.status, `${method} ${path}: ${JSON.stringify(body)}`).toBeLessThan(300);
  return { status: res.status, body, res };
}

const COLLECTIONS = {
  companies: { create: { name: "Acme", domain: "acme.example", industry: "Software", tags: ["vip"] }, patch: { phone: "+1 555 0100" } },
  contacts: { create: { firstName: "Ann", lastName: "Lee", email: "ann@acme.example", jobTitle: "CTO" }, patch: { department: "IT" } },
  leads: { create: { firstName: "Lou", email: "lou@lead.example", companyName: "Lead Co", priority: "high" }, patch: { source: "web" } },
  deals: { create: { name: "Big deal", amount: "12500.00", dealType: "NEW", closeDate: "2026-12-31", forecastProbability: 0.3 }, patch: { amount: "13000.50" } },
  tickets: { create: { subject: "Cannot sign in", description: "Since Monday", priority: "high" }, patch: { priority: "urgent" } },
} as const;

describe("every documented operation, answered as the document says", () => {
  let t: Awaited<ReturnType<typeof makeTenant>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await makeTenant();
    key = (await createApiKey(t.ctx, { name: "tour", role: "admin" })).key;
    session.current = { ctx: t.ctx, user: { id: t.userId, email: t.email, name: "Admin" }, role: "admin", tenantName: "Test Co", memberships: [] };
  });
  afterAll(() => {
    session.current = null;
  });

  it("records: list, create, get, update, move, stage history, delete", async () => {
    for (const [collection, { create, patch }] of Object.entries(COLLECTIONS)) {
      const { body: created } = await call("POST", `/${collection}`, { body: create, expect: 201 });
      ids[collection] = created.id;
      await call("GET", `/${collection}?limit=10&sort=createdAt:desc`);
      await call("GET", `/${collection}/${created.id}`);
      await call("PATCH", `/${collection}/${created.id}`, { body: patch });
      if (created.pipelineId) {
        const { body: pipeline } = await call("GET", `/pipelines/${created.pipelineId}`);
        await call("POST", `/${collection}/${created.id}/move`, { body: { toStageId: pipeline.stages[1].id } });
        const { body: history } = await call("GET", `/${collection}/${created.id}/stage-history`);
        expect(history.data.length).toBeGreaterThan(0);
      }
    }
    const filter = encodeURIComponent(JSON.stringify({ all: [{ field: "tags", op: "hasAny", value: ["vip"] }] }));
    expect((await call("GET", `/companies?q=acm&filter=${filter}`)).body.data).toHaveLength(1);
  });

  it("pipelines and stages", async () => {
    const { body: p } = await call("POST", "/pipelines", {
      body: { name: "Renewals", objectType: "DEAL", movementMode: "ENFORCED", stages: [{ name: "Open" }, { name: "Won", stageState: "DONE_SUCCESS", probability: 1 }] },
      expect: 201,
    });
    await call("GET", "/pipelines?objectType=DEAL");
    await call("PATCH", `/pipelines/${p.id}`, { body: { description: "Yearly renewals" } });
    const { body: stage } = await call("POST", `/pipelines/${p.id}/stages`, { body: { name: "Review", requiredFields: ["amount"], expectedDays: 5 }, expect: 201 });
    await call("PATCH", `/pipelines/${p.id}/stages/${stage.id}`, { body: { color: "#10B981" } });
    await call("PUT", `/pipelines/${p.id}/stages/order`, { body: { stageIds: [p.stages[0].id, stage.id, p.stages[1].id] } });
    const { body: all } = await call("GET", "/pipelines?objectType=DEAL");
    await call("PUT", "/pipelines/order", { body: { objectType: "DEAL", pipelineIds: all.data.map((x: { id: string }) => x.id).reverse() } });
    await call("GET", `/pipelines/${p.id}/summary?from=2020-01-01&to=2030-12-31`);
    await call("DELETE", `/pipelines/${p.id}/stages/${stage.id}`, { expect: 204 });
    await call("DELETE", `/pipelines/${p.id}`, { expect: 204 });
  });

  it("activities", async () => {
    const record = { recordType: "CONTACT", recordId: ids.contacts };
    await call("POST", "/activities", { body: { ...record, activityType: "CALL", subject: "Intro call", direction: "OUTBOUND", durationSeconds: 600, outcome: "Interested" }, expect: 201 });
    await call("POST", "/activities", { body: { ...record, activityType: "MEETING", subject: "Kick-off", meetingLocation: "Room 4", meetingAttendees: ["Jane Doe"] }, expect: 201 });
    const { body: note } = await call("POST", "/activities", { body: { ...record, activityType: "NOTE", subject: "Budget is 40k" }, expect: 201 });
    await call("PUT", `/activities/${note.id}/pin`);
    await call("DELETE", `/activities/${note.id}/pin`);
    const { body: task } = await call("POST", "/activities", {
      body: { ...record, activityType: "TASK", subject: "Follow up", dueAt: "2026-06-01T09:00:00Z", recurrenceRule: "FREQ=WEEKLY;BYDAY=MO" },
      expect: 201,
    });
    await call("GET", `/activities?recordType=CONTACT&recordId=${ids.contacts}&limit=10`);
    await call("GET", `/activities/${task.id}`);
    await call("PATCH", `/activities/${task.id}`, { body: { priority: "high" } });
    const { body: done } = await call("POST", `/activities/${task.id}/complete`);
    expect(done.next).not.toBeNull();
    await call("DELETE", `/activities/${done.next.id}`, { expect: 204 });
  });

  it("lists and their members", async () => {
    const { body: vips } = await call("POST", "/lists", { body: { name: "VIP contacts", objectType: "CONTACT", processingType: "STATIC" }, expect: 201 });
    const { body: dynamic } = await call("POST", "/lists", {
      body: { name: "Software companies", objectType: "COMPANY", processingType: "DYNAMIC", filter: { all: [{ field: "industry", op: "eq", value: "Software" }] } },
      expect: 201,
    });
    await call("GET", "/lists?objectType=CONTACT&archived=all");
    await call("GET", `/lists/${vips.id}`);
    await call("PATCH", `/lists/${vips.id}`, { body: { description: "Our best" } });
    await call("POST", `/lists/${vips.id}/members`, { body: { memberIds: [ids.contacts] } });
    expect((await call("GET", `/lists/${vips.id}/members?limit=10`)).body.data).toHaveLength(1);
    await call("DELETE", `/lists/${vips.id}/members/${ids.contacts}`, { expect: 204 });
    expect((await call("POST", `/lists/${dynamic.id}/refresh`, { body: {} })).body).toMatchObject({ total: 1 });
    await call("DELETE", `/lists/${vips.id}`, { expect: 204 });
  });

  it("watchers and notifications", async () => {
    const watch = { recordType: "DEAL", recordId: ids.deals!, principalType: "USER", principalId: t.userId };
    await call("POST", "/watchers", { body: watch, expect: 201 });
    await call("POST", "/watchers", { body: watch, expect: 200 });
    await call("GET", `/watchers?recordType=DEAL&recordId=${ids.deals}`);
    await call("GET", `/watchers?principalType=USER&principalId=${t.userId}`);
    await call("DELETE", `/watchers?${new URLSearchParams(watch)}`, { expect: 204 });

    await withTenant(t.ctx, (tx) => tx.insert(notifications).values({ tenantId: t.tenantId, userId: t.userId, kind: "stage.changed", title: "Big deal moved", recordType: "DEAL", recordId: ids.deals }));
    // notifications belong to a user: the browser session's
    const cookie = { cookie: "authjs.session-token=opaque" };
    const { body: page } = await call("GET", "/notifications?unread=true&limit=5", { key: "", headers: cookie });
    expect(page.data).toHaveLength(1);
    await call("POST", "/notifications/read", { key: "", headers: cookie, body: { ids: [page.data[0].id] } });
  });

  it("search, tags and custom fields", async () => {
    await call("GET", "/search?q=acme&limit=5&types=COMPANY,CONTACT");
    const { body: tag } = await call("POST", "/tags", { body: { name: "partner", color: "#2563eb" }, expect: 201 });
    await call("GET", "/tags?counts=true");
    await call("GET", `/tags/${tag.id}`);
    await call("PATCH", `/tags/${tag.id}`, { body: { name: "partners" } });
    await call("DELETE", `/tags/${tag.id}`, { expect: 204 });
    const { body: field } = await call("POST", "/custom-fields", { body: { objectType: "DEAL", label: "Region", fieldType: "SELECT", options: ["EMEA", "APAC"] }, expect: 201 });
    await call("GET", "/custom-fields?objectType=DEAL");
    await call("GET", `/custom-fields/${field.id}`);
    await call("PATCH", `/custom-fields/${field.id}`, { body: { label: "Sales region" } });
    await call("DELETE", `/custom-fields/${field.id}`, { expect: 204 });
  });

  it("automations, their executions and published events", async () => {
    const { body: hook } = await call("POST", "/automations", {
      body: {
        name: "Notify CRM",
        entityType: "DEAL",
        scopeType: "ENTITY",
        triggerEvent: "record.updated",
        actionType: "WEBHOOK",
        config: { url: "https://hooks.example.com/stageline", headers: { "x-token": "s3cret" } },
      },
      expect: 201,
    });
    expect(hook.webhookSecret).toMatch(/^whsec_/);
    await call("GET", "/automations");
    await call("GET", `/automations/${hook.id}`);
    await call("PATCH", `/automations/${hook.id}`, { body: { priority: 10 } });
    const { body: dry } = await call("POST", `/automations/${hook.id}/dry-run`, { body: { entityId: ids.deals } });
    expect(dry.data[0]).toMatchObject({ wouldFire: true, dryRunSecret: expect.stringMatching(/^whsec_/) });
    await call("POST", `/automations/${hook.id}/rotate-secret`);

    // what the worker would have logged: a failed delivery and a successful one
    const [failed, succeeded] = await withTenant(t.ctx, async (tx) => {
      const at = new Date();
      const row = (status: "FAILED" | "SUCCEEDED", n: number) => ({
        tenantId: t.tenantId,
        actionId: hook.id,
        entityType: "DEAL" as const,
        entityId: ids.deals!,
        triggerEvent: "record.updated",
        executionKey: `${hook.id}:tour-${n}`,
        status,
        attempts: 1,
        request: { method: "POST", url: "https://hooks.example.com/stageline", headers: { "x-token": "••••••" }, body: "{}" },
        responseCode: status === "FAILED" ? 500 : 200,
        responseBody: "ok",
        errorMessage: status === "FAILED" ? "HTTP 500" : null,
        startedAt: at,
        completedAt: at,
      });
      const rows = await tx.insert(automationActionExecutions).values([row("FAILED", 1), row("SUCCEEDED", 2)]).returning();
      await tx.insert(automationExecutionAttempts).values({ tenantId: t.tenantId, executionId: rows[0]!.id, attemptNo: 1, startedAt: at, completedAt: at, responseCode: 500, errorMessage: "HTTP 500" });
      await tx.insert(publishedEvents).values({ tenantId: t.tenantId, seq: 1, type: "deal.big", entityType: "DEAL", entityId: ids.deals, payload: { amount: "13000.50" }, automationId: hook.id });
      return rows;
    });
    await call("GET", `/automations/${hook.id}/executions?status=FAILED`);
    expect((await call("GET", `/automation-executions?entityType=DEAL&entityId=${ids.deals}&limit=10`)).body.data).toHaveLength(2);
    await call("GET", `/automation-executions/${failed!.id}`);
    await call("POST", `/automation-executions/${failed!.id}/retry`);
    await call("POST", "/automation-executions/redeliver", { body: { ids: [succeeded!.id] } });
    expect((await call("GET", "/events?limit=10")).body.data).toHaveLength(1);
    const { res: stream } = await call("GET", "/events/stream?after=0");
    expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
    await stream.body?.cancel();
    await call("DELETE", `/automations/${hook.id}`, { expect: 204 });
  });

  it("users, groups and API keys", async () => {
    const member = await makeMember(t.tenantId, "sales_rep", "Sam");
    await call("GET", "/users");
    const { body: group } = await call("POST", "/groups", { body: { name: "EMEA team", memberUserIds: [member.userId], managerUserId: t.userId }, expect: 201 });
    await call("GET", "/groups");
    await call("GET", `/groups/${group.id}`);
    await call("PATCH", `/groups/${group.id}`, { body: { description: "Sells in Europe", memberUserIds: [member.userId, t.userId] } });
    await call("DELETE", `/groups/${group.id}`, { expect: 204 });
    const { body: created } = await call("POST", "/api-keys", { body: { name: "Zapier", role: "readonly" }, expect: 201 });
    await call("GET", "/api-keys");
    await call("DELETE", `/api-keys/${created.id}`, { expect: 204 });
    await call("POST", "/api-keys", { body: { name: "Member's sync", userId: member.userId }, expect: 201 });
    await call("PUT", "/access-policy", { body: { sales_rep: { CONTACT: { read: "own", write: "own" } } } });
    await call("GET", "/access-policy");
  });

  it("audit log and a contact's personal data", async () => {
    const { body: page } = await call("GET", `/audit-log?recordType=CONTACT&recordId=${ids.contacts}&limit=5`);
    expect(page.data.length).toBeGreaterThan(0);
    const { body: exported } = await call("GET", `/contacts/${ids.contacts}/export`);
    expect(exported.contact).toMatchObject({ id: ids.contacts });
    const { body: other } = await call("POST", "/contacts", { body: { firstName: "Eve", email: "eve@acme.example" }, expect: 201 });
    await call("POST", `/contacts/${other.id}/erase`, { expect: 204 });
  });

  it("leads: convert and disqualify; web forms", async () => {
    const { body: lead } = await call("POST", "/leads", { body: { firstName: "Cora", email: "cora@convert.example", companyName: "Convert Co", utmSource: "newsletter", budget: "10k" }, expect: 201 });
    const { body: converted } = await call("POST", `/leads/${lead.id}/convert`, { body: { deal: { amount: "9000.00", closeDate: "2027-03-31" } } });
    expect(converted.lead).toMatchObject({ status: "converted", convertedContactId: converted.contact.id, convertedDealId: converted.deal.id });
    const { body: other } = await call("POST", "/leads", { body: { firstName: "Dan" }, expect: 201 });
    await call("POST", `/leads/${other.id}/disqualify`, { body: { reason: "No budget" } });
    const { body: form } = await call("POST", "/web-forms", { body: { name: "Demo request", fields: ["firstName", "email"], redirectUrl: "https://example.com/thanks" }, expect: 201 });
    await call("GET", "/web-forms");
    await call("PATCH", `/web-forms/${form.id}`, { body: { enabled: false } });
    await call("DELETE", `/web-forms/${form.id}`, { expect: 204 });
  });

  it("lead scoring and assignment rules", async () => {
    await call("PUT", "/lead-scoring", { body: { rules: [{ label: "Priority high", condition: { field: "priority", op: "eq", value: "high" }, points: 20 }], activityPoints: { CALL: 5 }, decayDays: 30 } });
    await call("GET", "/lead-scoring");
    await call("GET", `/leads/${ids.leads}/score`);
    const { body: rule } = await call("POST", "/assignment-rules", { body: { name: "All to me", objectType: "LEAD", strategy: "USER", userId: t.userId }, expect: 201 });
    await call("GET", "/assignment-rules");
    await call("GET", `/assignment-rules/${rule.id}`);
    await call("PATCH", `/assignment-rules/${rule.id}`, { body: { enabled: false } });
    await call("GET", `/leads/${ids.leads}/assignments`);
    await call("DELETE", `/assignment-rules/${rule.id}`, { expect: 204 });
  });

  it("duplicates and merge: groups, a merge, its history", async () => {
    const twins = {
      contacts: [{ firstName: "Dee", email: "dee@twin.example" }, { firstName: "Dee", email: "DEE@twin.example", jobTitle: "CFO" }],
      companies: [{ name: "Twin Works Inc." }, { name: "TWIN WORKS", domain: "twin.example" }],
      leads: [{ firstName: "Lee", phone: "+1 555 010 9999" }, { firstName: "Lee", phone: "555.010.9999" }],
    };
    for (const [collection, [a, b]] of Object.entries(twins)) {
      const { body: first } = await call("POST", `/${collection}`, { body: a, expect: 201 });
      const { body: second } = await call("POST", `/${collection}`, { body: b, expect: 201 });
      const type = ({ contacts: "CONTACT", companies: "COMPANY", leads: "LEAD" } as const)[collection as "contacts"];
      const { body: groups } = await call("GET", `/duplicates?objectType=${type}&limit=50`);
      expect(groups.data).toContainEqual(expect.objectContaining({ recordIds: [first.id, second.id].sort() }));
      await call("POST", `/${collection}/${first.id}/merge`, { body: { mergeIds: [second.id] } });
      const { body: history } = await call("GET", `/${collection}/${first.id}/merge-history`);
      expect(history.data.map((h: { mergedId: string }) => h.mergedId)).toEqual([second.id]);
      const { body: gone } = await call("GET", `/${collection}/${second.id}`, { expect: 404 });
      expect(gone.mergedIntoId).toBe(first.id);
    }
  });

  it("imports: upload, map, preview, start, run, errors, undo", async () => {
    const upload = routeFor("/imports").mod.POST!;
    const res = await upload(apiRequest("POST", "/imports?objectType=CONTACT&fileName=c.csv", { key, body: "Email,First Name\nimp@acme.example,Imo\nbad,X\n", contentType: "text/csv" }), routeParams({}));
    expect(res.status).toBe(201);
    const imp = (await res.json()) as { id: string; tenantId?: string };
    await call("PATCH", `/imports/${imp.id}`, { body: { mode: "UPSERT", matchOn: "email" } });
    await call("POST", `/imports/${imp.id}/preview`);
    await call("POST", `/imports/${imp.id}/start`, { expect: 202 });
    const { runImport } = await import("@/lib/imports/run");
    const { body: started } = await call("GET", `/imports/${imp.id}`);
    await runImport(t.tenantId, started.id);
    const { body: done } = await call("GET", "/imports");
    expect(done.data[0]).toMatchObject({ id: imp.id, status: "SUCCEEDED", created: 1, failed: 1 });
    const { res: errors } = await call("GET", `/imports/${imp.id}/errors`);
    expect(await errors.text()).toContain("bad,X,2,email: must be an email address");
    await call("POST", `/imports/${imp.id}/undo`, { expect: 202 });
  });

  it("email: mailboxes, templates, sending and reading an email", async () => {
    const { body: box } = await call("POST", "/mailboxes", {
      body: { emailAddress: "sales@acme.example", shared: true, smtpHost: "127.0.0.1", smtpPort: 1, smtpSecurity: "NONE", smtpUsername: "sales", smtpPassword: "s3cret-app-pass" },
      expect: 201,
    });
    expect(JSON.stringify(box)).not.toContain("s3cret-app-pass");
    await call("GET", "/mailboxes");
    const { body: check } = await call("POST", `/mailboxes/${box.id}/check`, { body: {} });
    expect(check).toMatchObject({ ok: false, error: expect.stringContaining("connection was refused") });
    const { body: tpl } = await call("POST", "/email-templates", { body: { name: "Hello", subject: "Hi {{contact.firstName | there}}", body: "Hello" }, expect: 201 });
    await call("GET", "/email-templates");
    const { body: email } = await call("POST", "/emails", { body: { recordType: "CONTACT", recordId: ids.contacts, mailboxId: box.id, to: ["ann@customer.example"], subject: tpl.subject, body: tpl.body, track: true }, expect: 202 });
    expect(email).toMatchObject({ status: "QUEUED", subject: "Hi Ann", tracked: true });
    await call("GET", `/emails/${email.id}`);
    await call("DELETE", `/email-templates/${tpl.id}`, { expect: 204 });
    // a mailbox that has sent stays for its emails' history
    await call("DELETE", `/mailboxes/${box.id}`, { expect: 409 });
    // receiving: a mailbox with IMAP on a real Dovecot, synced once, its ledger, settings and a synced email
    const { rawMessage, startTestImapServer } = await import("@/lib/email/imap-test-server");
    const imap = await startTestImapServer();
    try {
      const { body: inbox } = await call("POST", "/mailboxes", {
        body: { emailAddress: "inbox@ourco.example", shared: true, smtpHost: "127.0.0.1", smtpPort: 1, smtpSecurity: "NONE", smtpUsername: imap.username, smtpPassword: imap.password, imapHost: "127.0.0.1", imapPort: imap.port, imapSecurity: "NONE" },
        expect: 201,
      });
      await call("PATCH", "/email-sync-settings", { body: { excludedDomains: ["noise.example"], privateSharing: "SUBJECT" } });
      await call("GET", "/email-sync-settings");
      await call("POST", `/mailboxes/${inbox.id}/sync`, { body: {}, expect: 202 });
      await call("POST", `/mailboxes/${inbox.id}/sync`, { body: { from: "2020-01-01" }, expect: 202 });
      await imap.append("INBOX", rawMessage({ from: "ann@acme.example", to: "inbox@ourco.example", subject: "Hello back", text: "Hi", html: "<p>Hi</p>", messageId: `<contract-${Date.now()}@customer.example>` }));
      const { syncMailbox } = await import("@/lib/email/sync");
      expect((await syncMailbox(t.tenantId, inbox.id)).status).toBe("done");
      const { body: ledger } = await call("GET", `/mailboxes/${inbox.id}/sync`);
      expect(ledger.totals.fetched).toBeGreaterThan(0);
      const { syncedEmails } = await import("@/db/schema");
      const [synced] = await withTenant({ tenantId: t.tenantId, actor: { kind: "system", userId: null, role: "admin", source: "SYSTEM" } }, (tx) => tx.select({ id: syncedEmails.id }).from(syncedEmails));
      await call("GET", `/synced-emails/${synced!.id}`);
    } finally {
      await imap.close();
    }
    const { body: spare } = await call("POST", "/mailboxes", { body: { emailAddress: "spare@acme.example", shared: true, smtpHost: "127.0.0.1", smtpPort: 1, smtpSecurity: "NONE", smtpUsername: "spare", smtpPassword: "x" }, expect: 201 });
    await call("DELETE", `/mailboxes/${spare.id}`, { expect: 204 });
  });

  it("analytics: the workspace, pipeline metrics, the board as of an instant", async () => {
    const { body: ws } = await call("GET", "/workspace");
    expect(ws).toMatchObject({ timeZone: "UTC" });
    await call("PATCH", "/workspace", { body: { timeZone: "Mars/Olympus" }, expect: 422 });
    const { body: patched } = await call("PATCH", "/workspace", { body: { timeZone: "Europe/Paris", currency: "eur" } });
    expect(patched).toMatchObject({ timeZone: "Europe/Paris", currency: "EUR" });
    const { body: deal } = await call("GET", `/deals/${ids.deals}`);
    const { body: metrics } = await call("GET", `/pipelines/${deal.pipelineId}/metrics?from=2026-01-01&to=2026-12-31`);
    expect(metrics).toMatchObject({ timeZone: "Europe/Paris", periodStart: "2025-12-31T23:00:00.000Z" });
    await call("GET", `/pipelines/${deal.pipelineId}/metrics?from=2026-02-30`, { expect: 400 });
    for (const c of ["deals", "leads", "tickets"]) {
      const { body: board } = await call("GET", `/${c}/board?asOf=${encodeURIComponent(new Date().toISOString())}`);
      expect(board.stages.flatMap((s: { records: { id: string }[] }) => s.records.map((r) => r.id))).toContain(ids[c]);
    }
    await call("GET", `/deals/board?pipelineId=${deal.id}`, { expect: 404 });

    const { body: quota } = await call("POST", "/quotas", { body: { userId: t.userId, period: "QUARTER", start: "2026-10-01", revenueTarget: "50000", dealsTarget: 10, callsTarget: 40, meetingsTarget: 12, dealTypes: ["NEW"] }, expect: 201 });
    await call("POST", "/quotas", { body: { period: "MONTH", start: "2026-10-01" }, expect: 422 });
    await call("GET", "/quotas");
    await call("GET", `/quotas/${quota.id}`);
    await call("PATCH", `/quotas/${quota.id}`, { body: { dealTypes: [] } });
    const { body: attained } = await call("GET", `/quotas/${quota.id}/attainment`);
    expect(attained).toMatchObject({ calls: 0, meetings: 0 });
    await call("DELETE", `/quotas/${quota.id}`, { expect: 204 });

    // dashboards and widget queries
    const { body: boards } = await call("GET", "/dashboards");
    expect(boards.data[0]).toMatchObject({ name: "Sales manager", isDefault: true });
    const { body: board } = await call("GET", `/dashboards/${boards.data[0].id}`);
    expect(board.widgets.length).toBeGreaterThan(0);
    const { body: mine } = await call("POST", "/dashboards", { body: { name: "Mine", visibility: "workspace" }, expect: 201 });
    await call("PATCH", `/dashboards/${mine.id}`, { body: { name: "Ours" } });
    await call("DELETE", `/dashboards/${board.id}`, { expect: 409 });
    await call("DELETE", `/dashboards/${mine.id}`, { expect: 204 });
    const { body: figures } = await call("POST", "/widgets/query", { body: { recordType: "deals", measure: { fn: "sum", field: "amount" }, groupBy: [{ by: "date", field: "createdAt", bucket: "month" }, { by: "owner" }], period: { field: "createdAt", preset: "thisYear" } } });
    expect(figures).toMatchObject({ timeZone: "Europe/Paris", money: true, dimensions: ["Created (month)", "Owner"] });
    await call("POST", "/widgets/query", { body: { recordType: "deals", measure: { fn: "max", field: "nope" } }, expect: 422 });
  });

  it("campaigns, sequences, sending settings, suppression list, email preferences", async () => {
    const { body: box } = await call("POST", "/mailboxes", { body: { emailAddress: "news@acme.example", shared: true, smtpHost: "127.0.0.1", smtpPort: 1, smtpSecurity: "NONE", smtpUsername: "news", smtpPassword: "s3cret-app-pass" }, expect: 201 });
    const { body: list } = await call("POST", "/lists", { body: { name: "Campaign list", objectType: "CONTACT" }, expect: 201 });
    await call("POST", `/lists/${list.id}/members`, { body: { memberIds: [ids.contacts] } });
    await call("GET", "/email-settings");
    const { body: settings } = await call("PUT", "/email-settings", { body: { windowEnabled: true, windowDays: [1, 2, 3, 4, 5], windowStartMinute: 540, windowEndMinute: 1020, hourlyLimit: 100 } });
    expect(settings).toMatchObject({ windowEnabled: true, hourlyLimit: 100, batchSize: 50 });
    await call("GET", `/email-preferences/${ids.contacts}`);
    await call("PATCH", `/email-preferences/${ids.contacts}`, { body: { productUpdates: false } });

    const input = { name: "Launch", mailboxId: box.id, listId: list.id, subject: "Hi {{contact.firstName | there}}", subjectB: "News for you", splitPercent: 50, body: "Hello" };
    const { body: campaign } = await call("POST", "/campaigns", { body: input, expect: 201 });
    expect(campaign).toMatchObject({ status: "DRAFT", splitPercent: 50 });
    await call("GET", "/campaigns");
    await call("PATCH", `/campaigns/${campaign.id}`, { body: { ...input, name: "Launch 2" } });
    const { body: sent } = await call("POST", `/campaigns/${campaign.id}/send`, { body: { scheduledAt: "2099-01-05T10:00:00Z" } });
    expect(sent.status).toBe("SCHEDULED");
    const { body: detail } = await call("GET", `/campaigns/${campaign.id}`);
    expect(detail.figures.variants).toHaveLength(2);
    await call("GET", `/campaigns/${campaign.id}/recipients`);
    await call("POST", `/campaigns/${campaign.id}/cancel`, { body: {} });
    const { body: draft } = await call("POST", "/campaigns", { body: { ...input, name: "Spare", subjectB: null, splitPercent: 0 }, expect: 201 });
    await call("DELETE", `/campaigns/${draft.id}`, { expect: 204 });

    const seqInput = { name: "Nurture", mailboxId: box.id, steps: [{ kind: "EMAIL", subject: "Hello", body: "Hi" }, { kind: "TASK", delayDays: 2, subject: "Call" }] };
    const { body: seq } = await call("POST", "/sequences", { body: seqInput, expect: 201 });
    await call("GET", "/sequences");
    await call("PUT", `/sequences/${seq.id}`, { body: { ...seqInput, stopOnStageStates: ["DONE_SUCCESS"] } });
    const { body: enrolled } = await call("POST", `/sequences/${seq.id}/enrollments`, { body: { contactId: ids.contacts }, expect: 201 });
    expect(enrolled).toMatchObject({ enrolled: 1, skipped: 0 });
    await call("GET", `/sequences/${seq.id}/enrollments`);
    const { body: withFigures } = await call("GET", `/sequences/${seq.id}`);
    expect(withFigures.figures).toMatchObject({ enrolled: 1, active: 1 });
    await call("POST", `/sequence-enrollments/${enrolled.enrollments[0].id}/stop`, { body: {}, expect: 204 });
    await call("DELETE", `/sequences/${seq.id}`, { expect: 204 });

    const { body: added } = await call("POST", "/email-suppressions", { body: { email: "Complainer@Example.com", reason: "COMPLAINED" }, expect: 201 });
    expect(added).toEqual({ added: true });
    const { body: suppressions } = await call("GET", "/email-suppressions");
    expect(suppressions.data[0]).toMatchObject({ email: "complainer@example.com", reason: "COMPLAINED", removable: true });
    await call("DELETE", `/email-suppressions/${encodeURIComponent(suppressions.data[0].id)}`, { expect: 204 });
  });

  it("records: delete", async () => {
    for (const collection of Object.keys(COLLECTIONS)) await call("DELETE", `/${collection}/${ids[collection]}`, { expect: 204 });
  });

  it("answered every operation of the document with a success, each checked against its schema", () => {
    const doc = openApiDocument() as oas31.OpenAPIObject;
    const ops = Object.entries(doc.paths ?? {}).flatMap(([template, item]) => (["get", "put", "post", "patch", "delete"] as const).filter((m) => item[m]).map((m) => `${m} ${template}`));
    const succeeded = new Set([...answered].filter((a) => / 2\d\d$/.test(a)).map((a) => a.replace(/ \d+$/, "")));
    expect(ops.filter((op) => !succeeded.has(op)), "operations no test has called successfully").toEqual([]);
  });
});
