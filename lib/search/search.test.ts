import { beforeAll, describe, expect, it } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import { createRecord, deleteRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { normalizeQuery, scoreCandidate, SEARCH_KINDS } from "./query";
import { searchAll } from "./search";

let ctx: TenantContext;
let otherCtx: TenantContext;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ({ ctx } = await makeTenant("Search Co"));
  ({ ctx: otherCtx } = await makeTenant("Other Co"));
  const globex = await createRecord(ctx, "COMPANY", { name: "Globex Corporation", domain: "globex.example", industry: "Energy" });
  ids.globex = globex.id;
  ids.jonathan = (await createRecord(ctx, "CONTACT", { firstName: "Jonathan", lastName: "Smith", email: "jonathan.smith@acme.example", jobTitle: "CTO", companyId: globex.id })).id;
  ids.jon = (await createRecord(ctx, "CONTACT", { firstName: "Jon", lastName: "Snow", email: "jon@wall.example" })).id;
  ids.anna = (await createRecord(ctx, "CONTACT", { firstName: "Anna", lastName: "Kowalski" })).id;
  ids.deleted = (await createRecord(ctx, "CONTACT", { firstName: "Deleted", lastName: "Person" })).id;
  await deleteRecord(ctx, "CONTACT", ids.deleted);
  ids.deal = (await createRecord(ctx, "DEAL", { name: "Globx renewal", amount: "12500" })).id;
  ids.lead = (await createRecord(ctx, "LEAD", { firstName: "Maria", lastName: "Lopez", companyName: "Initech", email: "maria@initech.example" })).id;
  ids.ticket = (await createRecord(ctx, "TICKET", { subject: "Printer on fire", priority: "urgent" })).id;
  ids.otherJonathan = (await createRecord(otherCtx, "CONTACT", { firstName: "Jonathan", lastName: "Smith", email: "jonathan@other.example" })).id;
});

const titles = async (q: string) => (await searchAll(ctx, q)).map((h) => `${h.recordType}:${h.title}`);
const top = async (q: string) => (await searchAll(ctx, q))[0];

describe("searchAll", () => {
  it("finds Jonathan Smith as typed, in any case, by last name, by prefix and by email", async () => {
    for (const q of ["Jonathan Smith", "JONATHAN SMITH", "  jonathan   smith ", "smith", "jonath", "jonathan.smith@", "acme.example"]) {
      expect(await top(q), q).toMatchObject({ recordType: "CONTACT", id: ids.jonathan, title: "Jonathan Smith", subtitle: "CTO · jonathan.smith@acme.example" });
    }
  });

  it("forgives realistic typos: a missing letter, letters swapped at a word's end or start, a doubled letter", async () => {
    for (const q of ["jonatan smith", "jonathan smiht", "ojnathan smith", "jonathan smitth", "smiht"]) {
      expect((await searchAll(ctx, q)).map((h) => h.id), q).toContain(ids.jonathan);
    }
    expect(await top("printr on fire")).toMatchObject({ recordType: "TICKET", id: ids.ticket, subtitle: "Urgent priority" });
  });

  it("does not stretch to letters swapped inside a short word (trigram word similarity below 0.5)", async () => {
    // "simth" shares only 1 of 5 trigrams with "smith": documented, not a bug
    expect((await searchAll(ctx, "simth")).map((h) => h.id)).not.toContain(ids.jonathan);
  });

  it("ranks literal matches above typo matches, and the closer literal match first", async () => {
    const hits = await searchAll(ctx, "globex");
    expect(hits.map((h) => `${h.recordType}:${h.title}`)).toEqual(["COMPANY:Globex Corporation", "DEAL:Globx renewal"]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    expect(hits[1]!.score).toBeLessThanOrEqual(0.6);
    // "jon": Jon Snow (the whole first name) before Jonathan Smith (a longer name)
    expect((await titles("jon")).slice(0, 2)).toEqual(["CONTACT:Jon Snow", "CONTACT:Jonathan Smith"]);
    // exact beats prefix
    expect((await searchAll(ctx, "jon snow"))[0]).toMatchObject({ id: ids.jon, score: expect.any(Number) });
  });

  it("searches every kind: companies by domain, deals, leads by company name and email, tickets", async () => {
    expect(await top("globex.example")).toMatchObject({ recordType: "COMPANY", id: ids.globex, subtitle: "globex.example · Energy" });
    expect(await top("renewal")).toMatchObject({ recordType: "DEAL", id: ids.deal, subtitle: "$12,500 · Open" });
    expect(await top("initech")).toMatchObject({ recordType: "LEAD", id: ids.lead, title: "Maria Lopez", subtitle: "Initech · maria@initech.example" });
    expect(await top("printer")).toMatchObject({ recordType: "TICKET", id: ids.ticket });
  });

  it("excludes soft-deleted records", async () => {
    expect(await searchAll(ctx, "Deleted Person")).toEqual([]);
  });

  it("never returns another tenant's rows, and the other tenant never sees ours", async () => {
    const hits = await searchAll(ctx, "jonathan smith");
    expect(hits.map((h) => h.id)).not.toContain(ids.otherJonathan);
    const theirs = await searchAll(otherCtx, "jonathan");
    expect(theirs.map((h) => h.id)).toEqual([ids.otherJonathan]);
    expect(await searchAll(otherCtx, "globex")).toEqual([]);
  });

  it("treats LIKE wildcards literally and returns nothing for an empty query", async () => {
    expect(await searchAll(ctx, "%")).toEqual([]);
    expect(await searchAll(ctx, "_")).toEqual([]);
    expect(await searchAll(ctx, "   ")).toEqual([]);
  });

  it("limits hits per record type, and can search some types only", async () => {
    for (let i = 0; i < 4; i++) await createRecord(ctx, "CONTACT", { firstName: "Zed", lastName: `Number${i}` });
    expect(await searchAll(ctx, "zed", { limit: 2 })).toHaveLength(2);
    expect((await searchAll(ctx, "glob", { kinds: ["DEAL"] })).map((h) => h.recordType)).toEqual(["DEAL"]);
    await expect(searchAll(ctx, "zed", { limit: 0 })).rejects.toMatchObject({ code: "bad-request" });
  });
});

describe("ranking rules (pure)", () => {
  const contact = SEARCH_KINDS.find((s) => s.kind === "CONTACT")!;
  const row = (firstName: string, lastName: string, email: string | null = null) => ({ firstName, lastName, email });
  it("equal > starts with > a word starts with > contains > similar", () => {
    const q = normalizeQuery("Jon Smith");
    const exact = scoreCandidate(contact, q, row("Jon", "Smith"), null);
    const prefix = scoreCandidate(contact, q, row("Jon", "Smithers"), null);
    const word = scoreCandidate(contact, "smith", row("Jon", "Smith"), null);
    const contains = scoreCandidate(contact, "mith", row("Jon", "Smith"), null);
    const similar = scoreCandidate(contact, "jonn smith", row("Jon", "Smith"), 0.9);
    expect(exact).toBeGreaterThan(prefix);
    expect(prefix).toBeGreaterThan(word);
    expect(word).toBeGreaterThan(contains);
    expect(contains).toBeGreaterThan(similar);
  });
  it("ranks the email a little below the name for the same kind of match", () => {
    expect(scoreCandidate(contact, "ann", row("Ann", ""), null)).toBeGreaterThan(scoreCandidate(contact, "ann", row("Bo", "Lee", "ann"), null));
  });
});
