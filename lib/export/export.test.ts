import Papa from "papaparse";
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { makeMember, makeTenant } from "@/db/testing/factories";
import type { SessionInfo } from "@/lib/auth/session";
import { createRecord } from "@/lib/records/service";
import { columnsFor } from "@/lib/views/columns";
import { cellText, rowsToCsv } from "./csv";
import { exportCsv } from "./stream";

const session = vi.hoisted(() => ({ current: null as SessionInfo | null }));
vi.mock("@/lib/auth/session", () => ({ getSession: async () => session.current }));
const { GET, POST } = await import("@/app/api/export/[collection]/route");

const parse = (text: string) => Papa.parse<string[]>(text.replace(/^\ufeff/, ""), { skipEmptyLines: true }).data;
const read = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

function sessionFor(t: { tenantId: string; userId: string }, role: SessionInfo["role"] = "admin"): SessionInfo {
  return {
    ctx: { tenantId: t.tenantId, actor: { kind: "user", userId: t.userId, role, source: "USER" } },
    user: { id: t.userId, email: "x@example.test", name: "X" },
    role,
    tenantName: "T",
    memberships: [],
  };
}

describe("CSV cells", () => {
  it("writes links by label, tags joined, money with currency, and escapes formulae and quotes", () => {
    expect(cellText({ href: "/companies/1", label: "Acme" })).toBe("Acme");
    expect(cellText(["a", "b"])).toBe("a; b");
    expect(cellText({ amount: "12500.00", currency: "EUR" })).toBe("12500.00 EUR");
    expect(cellText(null)).toBe("");
    const cols = columnsFor("CONTACT").filter((c) => ["name", "email", "tags"].includes(c.id));
    const csv = rowsToCsv(cols, [{ id: "r1", cells: { name: { href: "/contacts/r1", label: 'Ann "The" Lee' }, email: "=cmd()", tags: ["x", "y"] } }], true);
    expect(csv).toBe(`ID,Name,Email,Tags\r\nr1,"Ann ""The"" Lee","'=cmd()",x; y\r\n`);
    expect(rowsToCsv(cols, [], false)).toBe("");
  });

  it("escapes a cell that starts like a formula whatever follows, line breaks included", () => {
    const cols = columnsFor("CONTACT").filter((c) => c.id === "email");
    const risky = ["=1+1\n", '=HYPERLINK("http://evil.example")\nclick', "+1\r\n2", "-2\nx", "@SUM(A1)\nx", "\tx\ny", "\r\n=x"];
    const csv = rowsToCsv(cols, risky.map((email, i) => ({ id: `r${i}`, cells: { email } })), false);
    expect(parse(csv).map(([, email]) => email)).toEqual(risky.map((v) => `'${v}`));
    // only the first character counts; a number is a value, not a formula
    expect(rowsToCsv(cols, [{ id: "r", cells: { email: "a=1\n+2" } }], false)).toBe(`r,"a=1\n+2"\r\n`);
    expect(rowsToCsv(cols, [{ id: "r", cells: { email: -5 } }], false)).toBe("r,-5\r\n");
  });
});

describe("CSV export", () => {
  beforeEach(() => {
    session.current = null;
  });

  it("streams every matching row of the tenant across pages, in the table's sort, with the visible columns", async () => {
    const t = await makeTenant();
    const other = await makeTenant();
    const acme = await createRecord(t.ctx, "COMPANY", { name: "Acme, Inc." });
    for (let i = 0; i < 205; i++) {
      await createRecord(t.ctx, "CONTACT", { firstName: `P${String(i).padStart(3, "0")}`, email: `p${i}@acme.test`, companyId: i === 0 ? acme.id : null, tags: i % 2 ? ["odd"] : [] });
    }
    await createRecord(other.ctx, "CONTACT", { firstName: "Foreign" });

    const all = parse(await read(await exportCsv(t.ctx, "CONTACT", { selection: { all: true }, sort: "firstName:asc", cols: "email,company,tags" })));
    expect(all[0]).toEqual(["ID", "Name", "Email", "Company", "Tags"]);
    expect(all).toHaveLength(206);
    expect(all[1]!.slice(1)).toEqual(["P000", "p0@acme.test", "Acme, Inc.", ""]);
    expect(all[2]!.slice(1)).toEqual(["P001", "p1@acme.test", "", "odd"]);
    expect(all.at(-1)![1]).toBe("P204");
    expect(all.some((r) => r[1] === "Foreign")).toBe(false);

    const odd = parse(await read(await exportCsv(t.ctx, "CONTACT", { selection: { all: true, q: "p00", filter: { all: [{ field: "tags", op: "hasAny", value: ["odd"] }] } }, cols: null })));
    expect(odd.slice(1).map((r) => r[1]).sort()).toEqual(["P001", "P003", "P005", "P007", "P009"]);
  }, 60_000);

  it("exports exactly the selected ids, never another tenant's", async () => {
    const t = await makeTenant();
    const other = await makeTenant();
    const a = await createRecord(t.ctx, "COMPANY", { name: "Alpha", employeeCount: 12 });
    await createRecord(t.ctx, "COMPANY", { name: "Beta" });
    const foreign = await createRecord(other.ctx, "COMPANY", { name: "Foreign" });
    const rows = parse(await read(await exportCsv(t.ctx, "COMPANY", { selection: { ids: [a.id, foreign.id] }, cols: "employeeCount" })));
    expect(rows).toEqual([
      ["ID", "Name", "Employees"],
      [a.id, "Alpha", "12"],
    ]);
  });

  it("is a session-authenticated download: 401 without a session, CSV with one, 4xx before streaming on bad input", async () => {
    const t = await makeTenant();
    const viewer = await makeMember(t.tenantId, "readonly");
    const c = await createRecord(t.ctx, "CONTACT", { firstName: "Zed", email: "zed@acme.test" });
    const params = { params: Promise.resolve({ collection: "contacts" }) };

    const anon = await GET(new NextRequest("http://localhost/api/export/contacts"), params);
    expect(anon.status).toBe(401);
    expect(anon.headers.get("content-type")).toContain("application/problem+json");

    session.current = sessionFor({ tenantId: t.tenantId, userId: viewer.userId }, "readonly");
    const res = await GET(new NextRequest(`http://localhost/api/export/contacts?q=zed&cols=email&filter=${encodeURIComponent(JSON.stringify({ all: [{ field: "email", op: "contains", value: "acme" }] }))}`), params);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="contacts-\d{4}-\d\d-\d\d\.csv"$/);
    expect(parse(await res.text())).toEqual([
      ["ID", "Name", "Email"],
      [c.id, "Zed", "zed@acme.test"],
    ]);

    const form = new URLSearchParams({ ids: c.id, cols: "email" });
    const posted = await POST(new NextRequest("http://localhost/api/export/contacts", { method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded" } }), params);
    expect(parse(await posted.text())).toHaveLength(2);

    const bad = await GET(new NextRequest(`http://localhost/api/export/contacts?filter=${encodeURIComponent(JSON.stringify({ all: [{ field: "nope", op: "eq", value: 1 }] }))}`), params);
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ errors: [{ path: "filter.all[0].field" }] });
    expect((await GET(new NextRequest("http://localhost/api/export/contacts?sort=shoeSize:asc"), params)).status).toBe(400);
    expect((await GET(new NextRequest("http://localhost/api/export/contacts?filter=%7Boops"), params)).status).toBe(400);
    expect((await GET(new NextRequest("http://localhost/api/export/widgets"), { params: Promise.resolve({ collection: "widgets" }) })).status).toBe(404);
  });
});
