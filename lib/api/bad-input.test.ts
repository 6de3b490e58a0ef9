// Malformed cursors and impossible dates are the client's mistake: 400 or 422 naming the
// field, never a 500 from the database refusing the value.
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GET as dealsBoard } from "@/app/(crm)/deals/board-data/route";
import { GET as list, POST } from "@/app/api/v1/[collection]/route";
import { GET as members } from "@/app/api/v1/lists/[id]/members/route";
import { GET as executions } from "@/app/api/v1/automation-executions/route";
import { POST as createList } from "@/app/api/v1/lists/route";
import { GET as summary } from "@/app/api/v1/pipelines/[id]/summary/route";
import { makeTenant } from "@/db/testing/factories";
import { captureLogs } from "@/lib/log";
import { listPipelines } from "@/lib/pipelines/queries";
import { listRecords } from "@/lib/records/queries";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { encodeCursor } from "./cursor";
import { createApiKey } from "./keys";
import { toProblem } from "./problem";
import { apiRequest as req, routeParams as params } from "./testing";

const SOME_ID = "3f1c6a8e-2b0d-4c1e-9a7f-1234567890ab";
const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

async function tenantWithKey() {
  const t = await makeTenant();
  return { ...t, key: (await createApiKey(t.ctx, { name: "k", role: "admin" })).key };
}

async function expectBadCursor(res: Response) {
  expect(res.status).toBe(400);
  expect((await res.json()).detail).toMatch(/^cursor is not valid/);
}

let logs: ReturnType<typeof captureLogs>;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

describe("impossible dates", () => {
  it("refuses a deal's closeDate that is no calendar day with 422 naming closeDate", async () => {
    const t = await tenantWithKey();
    for (const closeDate of ["2024-99-99", "2024-02-30", "2023-02-29"]) {
      const res = await POST(req("POST", "/deals", { key: t.key, body: { name: "Bad date", closeDate } }), params({ collection: "deals" }));
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ errors: [{ path: "closeDate" }] });
    }
    expect((await listRecords(t.ctx, "DEAL", {})).data).toHaveLength(0);
    const leap = await POST(req("POST", "/deals", { key: t.key, body: { name: "Leap day", closeDate: "2024-02-29" } }), params({ collection: "deals" }));
    expect(leap.status).toBe(201);
  });

  it("refuses an impossible date in a filter (422 at the value) and in a date range (400 naming from)", async () => {
    const t = await tenantWithKey();
    const filter = encodeURIComponent(JSON.stringify({ all: [{ field: "closeDate", op: "eq", value: "2024-99-99" }] }));
    const res = await list(req("GET", `/deals?filter=${filter}`, { key: t.key }), params({ collection: "deals" }));
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ errors: [{ path: "filter.all[0].value" }] });

    const [pipeline] = await listPipelines(t.ctx, "DEAL");
    const range = await summary(req("GET", `/pipelines/${pipeline!.id}/summary?from=2024-02-30`, { key: t.key }), params({ id: pipeline!.id }));
    expect(range.status).toBe(400);
    expect(await range.json()).toMatchObject({ errors: [{ path: "from" }] });
  });
});

describe("malformed cursors", () => {
  it("answers 400 naming cursor for a value that does not fit the sort column, or an id that is no UUID", async () => {
    const t = await tenantWithKey();
    const page = (sort: string, cursor: string) => list(req("GET", `/companies?sort=${sort}&cursor=${cursor}`, { key: t.key }), params({ collection: "companies" }));
    await expectBadCursor(await page("createdAt:desc", encodeCursor({ v: "2024-99-99 10:00:00+00", id: SOME_ID })));
    await expectBadCursor(await page("createdAt:desc", encodeCursor({ v: "yesterday", id: SOME_ID })));
    await expectBadCursor(await page("employeeCount:asc", encodeCursor({ v: 1e30, id: SOME_ID })));
    await expectBadCursor(await page("annualRevenue:asc", encodeCursor({ v: "lots", id: SOME_ID })));
    await expectBadCursor(await page("name:asc", encodeCursor({ v: "Acme", id: "not-a-uuid" })));
    await expectBadCursor(await page("name:asc", raw({ v: "Acme" })));
    await expectBadCursor(await page("name:asc", "%%%"));
    expect((await page("createdAt:desc", encodeCursor({ v: "2024-05-01 10:00:00.123456+00", id: SOME_ID }))).status).toBe(200);
  });

  it("answers 400 for a list-members cursor and a board column cursor holding an impossible time", async () => {
    const t = await tenantWithKey();
    const l = await (await createList(req("POST", "/lists", { key: t.key, body: { name: "L", objectType: "CONTACT", processingType: "STATIC" } }), params({}))).json();
    await expectBadCursor(await members(req("GET", `/lists/${l.id}/members?cursor=${raw(["2024-99-99 00:00:00+00", SOME_ID])}`, { key: t.key }), params({ id: l.id })));

    const [pipeline] = await listPipelines(t.ctx, "DEAL");
    const cursor = raw([null, "2024-99-99T00:00:00Z", SOME_ID]);
    const res = await dealsBoard(req("GET", `http://localhost/deals/board-data?pipeline=${pipeline!.id}&stage=${pipeline!.stages[0]!.id}&cursor=${cursor}`, { key: t.key }), params({}));
    expect(res.status).toBe(400);
    expect((await res.json()).detail).toMatch(/^cursor is not valid/);
  });

  it("answers 400 for a time cursor past Postgres's timestamp range, and pages with a sane one", async () => {
    const t = await tenantWithKey();
    const page = (cursor: string) => executions(req("GET", `/automation-executions?cursor=${cursor}`, { key: t.key }), params({}));
    await expectBadCursor(await page(raw(["99999999999999999999", SOME_ID])));
    await expectBadCursor(await page(raw(["1714550400000000", "nope"])));
    expect((await page(raw(["1714550400000000", SOME_ID]))).status).toBe(200);
  });
});

describe("a value the database refuses anyway", () => {
  it("is a 400, logged as a warning with its code and without the value", async () => {
    const t = await makeTenant();
    const err = await withTenant(t.ctx, (tx) => tx.execute(sql`select ${"2031-13-45"}::date`)).then(
      () => expect.unreachable("an impossible date"),
      (e: unknown) => e,
    );
    const res = toProblem(err, "req-bad-date-1");
    expect(res.status).toBe(400);
    const [line] = logs.lines();
    expect(line).toMatchObject({ level: 40, requestId: "req-bad-date-1", err: { code: "22008" } });
    expect(logs.text()).not.toContain("2031-13-45");
  });
});
