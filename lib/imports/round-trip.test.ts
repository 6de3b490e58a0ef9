// Export matches import (issue 17, item 5): every table's CSV export, with every column
// shown, goes back in unchanged — into the same workspace (upsert on the ID column: no
// record changes) and into another one set up alike (the re-export shows the same cells).
import { and, eq } from "drizzle-orm";
import Papa from "papaparse";
import { pipelineStages } from "@/db/schema";
import { describe, expect, it } from "vitest";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createCustomField } from "@/lib/custom-fields/service";
import { exportCsv } from "@/lib/export/stream";
import { moveRecord } from "@/lib/pipelines/move-record";
import { createRecord, getRecord } from "@/lib/records/service";
import { putLeadScoring } from "@/lib/scoring/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { createGroup } from "@/lib/tenancy/groups";
import { columnsFor } from "@/lib/views/columns";
import { tableCustomFields } from "@/lib/views/table-query";
import { withTenant } from "@/lib/tenancy/with-tenant";
import type { ImportKind } from "./fields";
import { runImport } from "./run";
import { getImport, startImport, updateImport, uploadImport } from "./service";

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

/** A workspace with a rep called "Rita Rep", a group "Field team" and one custom field of each type per kind. */
async function workspace() {
  const t = await makeTenant("Round Trip Co");
  const rep = await makeMember(t.tenantId, "sales_rep", "Rita Rep");
  const group = await createGroup(t.ctx, { name: "Field team", memberUserIds: [rep.userId] });
  for (const objectType of ["CONTACT", "COMPANY", "LEAD", "DEAL"] as const) {
    await createCustomField(t.ctx, { objectType, label: "Budget code", fieldType: "TEXT" });
    await createCustomField(t.ctx, { objectType, label: "Seats", fieldType: "NUMBER" });
    await createCustomField(t.ctx, { objectType, label: "Renewal", fieldType: "DATE" });
    await createCustomField(t.ctx, { objectType, label: "Tier", fieldType: "SELECT", options: ["Gold", "Silver"] });
    await createCustomField(t.ctx, { objectType, label: "Regions", fieldType: "MULTI_SELECT", options: ["EMEA", "APAC", "AMER"] });
    await createCustomField(t.ctx, { objectType, label: "Partner", fieldType: "CHECKBOX" });
    await createCustomField(t.ctx, { objectType, label: "Portal", fieldType: "URL" });
  }
  return { ...t, rep, groupId: group.id };
}

type Ws = Awaited<ReturnType<typeof workspace>>;

const custom = (i: number) => ({
  budgetCode: `BC-${i}`,
  seats: 10 + i,
  renewal: `2027-0${(i % 9) + 1}-15`,
  tier: i % 2 ? "Gold" : "Silver",
  regions: i % 2 ? ["EMEA", "APAC"] : ["AMER"],
  partner: i % 2 === 1,
  portal: `https://portal.example.test/${i}`,
});

/** Records of every kind with every importable field set, owned by a user or a group. */
async function fill(w: Ws, withoutOwner: boolean) {
  const owner = (i: number) => (withoutOwner && i === 2 ? { ownedByUserId: null } : i % 2 ? { ownedByUserId: w.rep.userId } : { ownedByGroupId: w.groupId, ownedByUserId: null });
  for (let i = 0; i < 3; i++) {
    const company = await createRecord(w.ctx, "COMPANY", {
      name: `Acme ${i}, Inc.`, domain: `acme${i}.example`, industry: "Software", website: `https://acme${i}.example`, phone: "+44 20 7946 0000",
      employeeCount: 120 + i, annualRevenue: "2500000.50", description: "Line one\nline two, with \"quotes\"", tags: ["Key", "EMEA"], customFields: custom(i), ...owner(i),
    });
    await createRecord(w.ctx, "CONTACT", {
      firstName: i === 1 ? "Mary Ann" : `Ada${i}`, lastName: i === 0 ? null : "Lovelace-Byron", email: `ada${i}@acme${i}.example`, phone: "+1 (555) 010-000" + i, mobilePhone: "+1 555 999",
      jobTitle: "=CTO", department: "R&D", companyId: company.id, lifecycleStage: "customer", tags: ["VIP"], customFields: custom(i), ...owner(i),
    });
    const lead = await createRecord(w.ctx, "LEAD", {
      firstName: `Lee${i}`, lastName: "Ng", email: `lee${i}@lead.example`, phone: "555-0100", jobTitle: "Buyer", companyName: `Lead Co ${i}`, source: "web_form",
      status: "contacted", rating: "hot", score: 40 + i, priority: "high", utmSource: "google", utmMedium: "cpc", utmCampaign: "spring", utmContent: "ad-1", utmTerm: "crm",
      landingPage: "https://example.test/pricing?x=1", referrer: "https://news.example.test/", budget: "50k", authority: "Head of sales", need: "Pipeline", timeline: "Q3",
      tags: ["Inbound"], customFields: custom(i), ...owner(i),
    });
    await moveRecord(w.ctx, "LEAD", lead.id, { toStageId: await stageNamed(w.ctx, lead.pipelineId as string, "Contacted") });
    const deal = await createRecord(w.ctx, "DEAL", {
      name: `Deal ${i}`, amount: "12500.00", currency: "EUR", dealType: "UPSELL", closeDate: "2027-03-31", companyId: company.id, tags: ["Q3"], customFields: custom(i), ...owner(i),
    });
    if (i === 2) await moveRecord(w.ctx, "DEAL", deal.id, { toStageId: await stageNamed(w.ctx, deal.pipelineId as string, "Negotiation") });
  }
}

const stageNamed = async (ctx: TenantContext, pipelineId: string, name: string) =>
  withTenant(ctx, async (tx) => (await tx.select({ id: pipelineStages.id }).from(pipelineStages).where(and(eq(pipelineStages.pipelineId, pipelineId), eq(pipelineStages.name, name))))[0]!.id);

const parse = (text: string) => Papa.parse<string[]>(text.replace(/^\ufeff/, ""), { skipEmptyLines: true }).data;

async function exportAll(ctx: TenantContext, kind: ImportKind): Promise<string> {
  const cols = columnsFor(kind, await tableCustomFields(ctx, kind)).map((c) => c.id);
  return new Response(await exportCsv(ctx, kind, { selection: { all: true }, sort: "createdAt:asc", cols })).text();
}

async function importCsv(ctx: TenantContext, kind: ImportKind, csv: string, mode: "CREATE" | "UPSERT") {
  const up = await uploadImport(ctx, kind, bytes(csv), `${kind}.csv`);
  // the suggested mapping, as the dialog shows it; into another workspace the ID column is skipped
  const mapping = Object.fromEntries(up.columns.map((c) => [c.header, mode === "CREATE" && c.suggestedField === "id" ? null : c.suggestedField]));
  await updateImport(ctx, up.id, { mapping, mode, ...(mode === "UPSERT" ? { matchOn: "id" } : {}) });
  await startImport(ctx, up.id);
  await runImport(ctx.tenantId, up.id);
  return { ...(await getImport(ctx, up.id)), mapping };
}

const KINDS: ImportKind[] = ["COMPANY", "CONTACT", "LEAD", "DEAL"];
/** Cells a write cannot carry over: the record's id, when it was made, when it entered its stage. */
const NOT_CARRIED = new Set(["ID", "Created", "Updated", "In stage since"]);

describe("CSV export → import round trip", () => {
  it("every column of an export is suggested a field, or is one the import cannot write", async () => {
    const w = await workspace();
    await fill(w, false);
    const readOnly = new Set(["Created", "Updated", "In stage since", "Last contacted", "Converted", "Disqualified because", "Status (deal)"]);
    for (const kind of KINDS) {
      const csv = await exportAll(w.ctx, kind);
      const up = await uploadImport(w.ctx, kind, bytes(csv), "x.csv");
      const unmapped = up.columns.filter((c) => c.suggestedField === null).map((c) => c.header);
      expect(unmapped.filter((h) => !readOnly.has(kind === "DEAL" && h === "Status" ? "Status (deal)" : h)), kind).toEqual([]);
    }
  }, 60_000);

  it("into the same workspace as an upsert on ID: every row matches its record and nothing changes", async () => {
    const w = await workspace();
    await fill(w, true);
    for (const kind of KINDS) {
      const csv = await exportAll(w.ctx, kind);
      const rows = parse(csv).slice(1);
      const before = await Promise.all(rows.map((r) => getRecord(w.ctx, kind, r[0]!)));
      const imp = await importCsv(w.ctx, kind, csv, "UPSERT");
      expect(imp, kind).toMatchObject({ status: "SUCCEEDED", rowCount: 3, created: 0, updated: 0, failed: 0, skipped: 3 });
      const after = await Promise.all(rows.map((r) => getRecord(w.ctx, kind, r[0]!)));
      expect(after, kind).toEqual(before);
      expect(await exportAll(w.ctx, kind), kind).toBe(csv);
    }
  }, 120_000);

  it("while lead scoring computes scores, the Score column is left alone instead of failing every row", async () => {
    const w = await workspace();
    await fill(w, false);
    await putLeadScoring(w.ctx, { rules: [{ label: "Hot", condition: { field: "rating", op: "eq", value: "hot" }, points: 20 }], activityPoints: {}, decayDays: null });
    const csv = await exportAll(w.ctx, "LEAD");
    const imp = await importCsv(w.ctx, "LEAD", csv, "UPSERT");
    expect(imp).toMatchObject({ created: 0, updated: 0, failed: 0, skipped: 3 });
    expect(imp.mapping.Score).toBe("score");
  }, 60_000);

  it("into another workspace set up alike: the re-export shows the same cells", async () => {
    const from = await workspace();
    await fill(from, false);
    const to = await workspace();
    for (const kind of KINDS) {
      const csv = await exportAll(from.ctx, kind);
      const imp = await importCsv(to.ctx, kind, csv, "CREATE");
      expect(imp, kind).toMatchObject({ status: "SUCCEEDED", rowCount: 3, created: 3, failed: 0 });
      const [header, ...sent] = parse(csv);
      const [header2, ...back] = parse(await exportAll(to.ctx, kind));
      expect(header2, kind).toEqual(header);
      // rows created in one batch share a creation time, so compare them in a fixed order
      const carried = (rows: string[][]) => rows.map((r) => r.filter((_, i) => !NOT_CARRIED.has(header![i]!))).sort((a, b) => a[0]!.localeCompare(b[0]!));
      expect(carried(back), kind).toEqual(carried(sent));
    }
  }, 120_000);
});
