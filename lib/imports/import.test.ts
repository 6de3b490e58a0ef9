// Imports end to end against real Postgres: upload → mapping → the worker's run → undo,
// through the record services (source IMPORT in stage history, record changes, events).
import { and, asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, contacts, domainEvents, importRows, imports, listMemberships, pipelineStages, pipelines, recordChanges, stageHistory } from "@/db/schema";
import { makeTenant } from "@/db/testing/factories";
import { createList } from "@/lib/lists/service";
import { eraseContact } from "@/lib/privacy/contact-data";
import { createRecord, getRecord, updateRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import type { ImportKind } from "./fields";
import { runImport, sweepImports } from "./run";
import { getImport, importErrorsCsv, listImports, previewImport, startImport, undoImport, updateImport, uploadImport } from "./service";
import type { ImportPatch } from "./schemas";

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

/** Upload, settings, start, and the worker's run (called as the task would be). */
async function runCsv(ctx: TenantContext, kind: ImportKind, csv: string, patch: ImportPatch = {}) {
  const up = await uploadImport(ctx, kind, bytes(csv), "test.csv");
  if (Object.keys(patch).length) await updateImport(ctx, up.id, patch);
  await startImport(ctx, up.id);
  await runImport(ctx.tenantId, up.id);
  return getImport(ctx, up.id);
}

async function errorsOf(ctx: TenantContext, id: string): Promise<string> {
  let text = "";
  for await (const chunk of importErrorsCsv(ctx, id)) text += chunk;
  return text;
}

const contactsOf = (ctx: TenantContext) =>
  withTenant(ctx, (tx) => tx.select().from(contacts).where(eq(contacts.tenantId, ctx.tenantId)).orderBy(asc(contacts.email)));

describe("imports", () => {
  it("upload: columns with samples and suggested fields, mapping set to the suggestions", async () => {
    const t = await makeTenant();
    const up = await uploadImport(t.ctx, "CONTACT", bytes("\uFEFFFirst Name;E-mail Address;Favourite colour\nAda;ada@x.test;blue\nBob;bob@x.test;\n"), "hubspot.csv");
    expect(up).toMatchObject({ status: "MAPPING", rowCount: 2, objectType: "CONTACT", fileName: "hubspot.csv" });
    expect(up.columns).toEqual([
      { header: "First Name", samples: ["Ada", "Bob"], suggestedField: "firstName" },
      { header: "E-mail Address", samples: ["ada@x.test", "bob@x.test"], suggestedField: "email" },
      { header: "Favourite colour", samples: ["blue"], suggestedField: null },
    ]);
    expect(up.mapping).toEqual({ "First Name": "firstName", "E-mail Address": "email", "Favourite colour": null });
    await expect(updateImport(t.ctx, up.id, { mapping: { "First Name": "nonsense" } })).rejects.toMatchObject({ code: "validation" });
    await expect(updateImport(t.ctx, up.id, { mode: "UPSERT", matchOn: "domain" })).rejects.toMatchObject({ code: "validation" });
  });

  it("create: each row all or nothing, bad rows reported in the error file, source IMPORT everywhere", async () => {
    const t = await makeTenant();
    const erased = await createRecord(t.ctx, "CONTACT", { email: "gone@x.test" });
    await eraseContact(t.ctx, erased.id);
    const list = await createList(t.ctx, { name: "Imported", objectType: "CONTACT", processingType: "STATIC" });
    const csv = [
      "First Name,Email,Tags,Contact owner",
      "Ada,ada@x.test,VIP,",
      'Bad,"not an email",,',
      "Gone,gone@x.test,,",
      `Cy,cy@x.test,"A; B",${t.email}`,
      "Dee,dee@x.test,,nobody@x.test",
      "Short",
    ].join("\n");
    const imp = await runCsv(t.ctx, "CONTACT", csv, { tags: ["Fair 2026"], listId: list.id });
    expect(imp).toMatchObject({ status: "SUCCEEDED", rowCount: 6, processed: 6, created: 2, updated: 0, skipped: 0, failed: 4 });
    expect(await errorsOf(t.ctx, imp.id)).toBe(
      [
        "First Name,Email,Tags,Contact owner,row,error",
        "Bad,not an email,,,2,email: must be an email address",
        "Gone,gone@x.test,,,3,email: erased contact",
        "Dee,dee@x.test,,nobody@x.test,5,owner: nobody@x.test is not an active user of this workspace",
        "Short,,,,6,\"row: has 1 values, the header has 4\"",
        "",
      ].join("\r\n"),
    );
    const live = (await contactsOf(t.ctx)).filter((c) => !c.deletedAt && c.id !== erased.id);
    expect(live.map((c) => [c.email, c.tags, c.ownedByUserId])).toEqual([
      ["ada@x.test", ["VIP", "Fair 2026"], t.userId],
      ["cy@x.test", ["A", "B", "Fair 2026"], t.userId],
    ]);
    const ids = live.map((c) => c.id);
    const events = await withTenant(t.ctx, (tx) => tx.select().from(domainEvents).where(and(eq(domainEvents.tenantId, t.tenantId), eq(domainEvents.eventType, "record.created"))));
    expect(events.filter((e) => ids.includes(e.entityId!)).map((e) => e.source)).toEqual(["IMPORT", "IMPORT"]);
    const members = await withTenant(t.ctx, (tx) => tx.select().from(listMemberships).where(eq(listMemberships.listId, list.id)));
    expect(members.map((m) => [m.memberId, m.source]).sort()).toEqual(ids.map((id) => [id, "IMPORT"]).sort());
    const audit = await withTenant(t.ctx, (tx) => tx.select().from(auditLog).where(and(eq(auditLog.tenantId, t.tenantId), eq(auditLog.action, "import.started"))));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: t.userId, changes: { importId: imp.id, rowCount: 6 } });
    expect((await listImports(t.ctx)).data.map((i) => i.id)).toEqual([imp.id]);
  });

  it("upsert by email updates matches and creates the rest; update-only skips the unmatched", async () => {
    const t = await makeTenant();
    const ada = await createRecord(t.ctx, "CONTACT", { firstName: "Ada", email: "ada@x.test", jobTitle: "CTO" });
    const csv = "Email,Job Title,First Name\nADA@x.test,CEO,\nnew@x.test,Intern,Nia\nnew@x.test,Lead,\n";
    const up = await runCsv(t.ctx, "CONTACT", csv, { mode: "UPSERT", matchOn: "email" });
    // the file's second row for new@x.test updates the record its first row created
    expect(up).toMatchObject({ status: "SUCCEEDED", created: 1, updated: 2, failed: 0 });
    expect((await getRecord(t.ctx, "CONTACT", ada.id)).jobTitle).toBe("CEO");
    const changes = await withTenant(t.ctx, (tx) => tx.select().from(recordChanges).where(eq(recordChanges.recordId, ada.id)));
    expect(changes.map((c) => [c.source, c.changes])).toEqual([["IMPORT", { jobTitle: { from: "CTO", to: "CEO" } }]]);
    const upd = await runCsv(t.ctx, "CONTACT", "Email,Job Title\nada@x.test,Chair\nnobody@x.test,Ghost\n", { mode: "UPDATE", matchOn: "email" });
    expect(upd).toMatchObject({ created: 0, updated: 1, skipped: 1, failed: 0 });
    expect((await contactsOf(t.ctx)).map((c) => c.email)).toEqual(["ada@x.test", "new@x.test"]);
  });


  it("upsert: a row of a later batch whose key an earlier batch created updates that record (the next batch is planned while one writes)", async () => {
    const t = await makeTenant();
    // BATCH_ROWS is 1000: rows 999 and 1000 are created by the first batch, rows 1001 and 2001 repeat their keys
    const lines = Array.from({ length: 2001 }, (_, i) => `p${i + 1}@x.test,Title ${i + 1}`);
    lines[1000] = "p999@x.test,Again 1001";
    lines[2000] = "P1000@x.test,Again 2001";
    const up = await runCsv(t.ctx, "CONTACT", `Email,Job Title\n${lines.join("\n")}\n`, { mode: "UPSERT", matchOn: "email" });
    expect(up).toMatchObject({ status: "SUCCEEDED", processed: 2001, created: 1999, updated: 2, failed: 0 });
    const all = await contactsOf(t.ctx);
    expect(all).toHaveLength(1999);
    expect(all.filter((c) => c.email === "p999@x.test").map((c) => c.jobTitle)).toEqual(["Again 1001"]);
    expect(all.filter((c) => c.email === "p1000@x.test").map((c) => c.jobTitle)).toEqual(["Again 2001"]);
  });
  it("undo: deletes what it created, puts back what it overwrote, leaves and lists fields changed since", async () => {
    const t = await makeTenant();
    const ada = await createRecord(t.ctx, "CONTACT", { firstName: "Ada", email: "ada@x.test", jobTitle: "CTO", phone: "1" });
    const imp = await runCsv(t.ctx, "CONTACT", "Email,Job Title,Phone\nada@x.test,CEO,2\nnew@x.test,Intern,3\n", { mode: "UPSERT", matchOn: "email" });
    expect(imp).toMatchObject({ created: 1, updated: 1 });
    // someone changes the phone after the import
    await updateRecord(t.ctx, "CONTACT", ada.id, { phone: "99" });
    await undoImport(t.ctx, imp.id);
    await runImport(t.tenantId, imp.id);
    const done = await getImport(t.ctx, imp.id);
    expect(done).toMatchObject({ status: "UNDONE", undone: 2, conflicts: [{ recordId: ada.id, field: "phone" }] });
    expect(await getRecord(t.ctx, "CONTACT", ada.id)).toMatchObject({ jobTitle: "CTO", phone: "99" });
    expect((await contactsOf(t.ctx)).filter((c) => !c.deletedAt).map((c) => c.email)).toEqual(["ada@x.test"]);
    const audit = await withTenant(t.ctx, (tx) => tx.select().from(auditLog).where(and(eq(auditLog.tenantId, t.tenantId), eq(auditLog.action, "import.undone"))));
    expect(audit).toHaveLength(1);
    await expect(undoImport(t.ctx, imp.id)).rejects.toMatchObject({ code: "conflict" });
  });

  it("deals: a stage column goes through the movement rules; history and changes say IMPORT; undo moves back", async () => {
    const t = await makeTenant();
    const stages = await withTenant(t.ctx, (tx) =>
      tx.select({ id: pipelineStages.id, name: pipelineStages.name, pipelineId: pipelineStages.pipelineId }).from(pipelineStages).innerJoin(pipelines, and(eq(pipelines.id, pipelineStages.pipelineId), eq(pipelines.objectType, "DEAL"), eq(pipelines.isDefault, true))).orderBy(asc(pipelineStages.displayOrder)),
    );
    await withTenant(t.ctx, (tx) => tx.update(pipelines).set({ movementMode: "ENFORCED" }).where(eq(pipelines.id, stages[0]!.pipelineId)));
    const deal = await createRecord(t.ctx, "DEAL", { name: "Big one" });
    const csv = `ID,Deal Name,Stage,Amount\n${deal.id},Big one,Qualification,100\n,New deal,Prospecting,5\n,Too far,Proposal,7\n`;
    const imp = await runCsv(t.ctx, "DEAL", csv, { mode: "UPSERT", matchOn: "id" });
    expect(imp).toMatchObject({ created: 1, updated: 1, failed: 1 });
    expect(await errorsOf(t.ctx, imp.id)).toMatch(/\r\n,Too far,Proposal,7,3,"stage: .*Enforced/);
    const history = await withTenant(t.ctx, (tx) => tx.select().from(stageHistory).where(eq(stageHistory.entityId, deal.id)).orderBy(asc(stageHistory.seq)));
    expect(history.map((h) => [h.toStageId, h.source])).toEqual([
      [stages[0]!.id, "USER"],
      [stages[1]!.id, "IMPORT"],
    ]);
    await undoImport(t.ctx, imp.id);
    await runImport(t.tenantId, imp.id);
    expect(await getImport(t.ctx, imp.id)).toMatchObject({ status: "UNDONE", conflicts: [] });
    expect(await getRecord(t.ctx, "DEAL", deal.id)).toMatchObject({ stageId: stages[0]!.id, amount: null });
  });

  it("a row the shared write refuses (a domain another company has) fails alone; the rows around it are created", async () => {
    const t = await makeTenant();
    await createRecord(t.ctx, "COMPANY", { name: "Old Acme", domain: "acme.test" });
    const imp = await runCsv(t.ctx, "COMPANY", "Company Name,Company Domain Name\nGlobex,globex.test\nNew Acme,ACME.test\nInitech,initech.test\n");
    expect(imp).toMatchObject({ created: 2, failed: 1 });
    expect(await errorsOf(t.ctx, imp.id)).toContain("New Acme,ACME.test,2,domain: is already used by another company");
  });

  it("matched rows are written together with their own values; one the shared update refuses (a taken domain) fails alone", async () => {
    const t = await makeTenant();
    const a = await createRecord(t.ctx, "COMPANY", { name: "Acme", domain: "acme.test" });
    const b = await createRecord(t.ctx, "COMPANY", { name: "Bolt", domain: "bolt.test", industry: "Energy" });
    const c = await createRecord(t.ctx, "COMPANY", { name: "Core", industry: "Retail" });
    await createRecord(t.ctx, "COMPANY", { name: "Dyno", domain: "dyno.test" });
    const csv = `ID,Company Domain Name,Industry\n${a.id},acme2.test,Software\n${b.id},DYNO.test,Energy\n${c.id},,Food\n`;
    const imp = await runCsv(t.ctx, "COMPANY", csv, { mode: "UPDATE", matchOn: "id" });
    expect(imp).toMatchObject({ updated: 2, failed: 1, created: 0 });
    expect(await errorsOf(t.ctx, imp.id)).toContain(`${b.id},DYNO.test,Energy,2,domain: is already used by another company`);
    expect(await getRecord(t.ctx, "COMPANY", a.id)).toMatchObject({ domain: "acme2.test", industry: "Software" });
    expect(await getRecord(t.ctx, "COMPANY", b.id)).toMatchObject({ domain: "bolt.test", industry: "Energy" });
    expect(await getRecord(t.ctx, "COMPANY", c.id)).toMatchObject({ domain: null, industry: "Food" });
    const changes = await withTenant(t.ctx, (tx) => tx.select().from(recordChanges).where(and(eq(recordChanges.tenantId, t.tenantId), eq(recordChanges.source, "IMPORT"))));
    expect(new Map(changes.map((ch) => [ch.recordId, ch.changes]))).toEqual(
      new Map<string, unknown>([
        [a.id, { domain: { from: "acme.test", to: "acme2.test" }, industry: { from: null, to: "Software" } }],
        [c.id, { industry: { from: "Retail", to: "Food" } }],
      ]),
    );
    await undoImport(t.ctx, imp.id);
    await runImport(t.tenantId, imp.id);
    expect(await getRecord(t.ctx, "COMPANY", a.id)).toMatchObject({ domain: "acme.test", industry: null });
    expect(await getRecord(t.ctx, "COMPANY", c.id)).toMatchObject({ industry: "Retail" });
  });

  it("two workers on one import write each row once (batches lock the import; outcomes commit with the rows)", async () => {
    const t = await makeTenant();
    const lines = Array.from({ length: 1200 }, (_, i) => `p${i}@x.test,P${i}`);
    const up = await uploadImport(t.ctx, "CONTACT", bytes(`Email,First Name\n${lines.join("\n")}\n`));
    await startImport(t.ctx, up.id);
    await Promise.all([runImport(t.tenantId, up.id), runImport(t.tenantId, up.id)]);
    expect(await getImport(t.ctx, up.id)).toMatchObject({ status: "SUCCEEDED", processed: 1200, created: 1200, failed: 0 });
    expect(await contactsOf(t.ctx)).toHaveLength(1200);
  });

  it("an import whose worker stopped (RUNNING, no heartbeat) is queued again by the sweep, and its run resumes it", async () => {
    const t = await makeTenant();
    const up = await uploadImport(t.ctx, "CONTACT", bytes("Email\nr1@x.test\nr2@x.test\n"));
    await startImport(t.ctx, up.id);
    // as a worker killed after taking the job leaves it
    await withTenant(t.ctx, (tx) => tx.update(imports).set({ status: "RUNNING", heartbeatAt: sql`now() - interval '10 minutes'` }).where(eq(imports.id, up.id)));
    expect(await sweepImports()).toBeGreaterThanOrEqual(1);
    await runImport(t.tenantId, up.id);
    expect(await getImport(t.ctx, up.id)).toMatchObject({ status: "SUCCEEDED", processed: 2, created: 2 });
    await runImport(t.tenantId, up.id); // a duplicate job finds nothing to do
    expect(await contactsOf(t.ctx)).toHaveLength(2);
  });

  it("a resumed run writes only the rows without an outcome (a later batch committed before the worker was killed in an earlier one)", async () => {
    const t = await makeTenant();
    const lines = Array.from({ length: 2500 }, (_, i) => `k${i + 1}@x.test,K${i + 1}`);
    const up = await uploadImport(t.ctx, "CONTACT", bytes(`Email,First Name\n${lines.join("\n")}\n`));
    await startImport(t.ctx, up.id);
    // as batches writing at once leave it when the worker dies: rows 1001–2000 committed, the rest not
    await withTenant(t.ctx, async (tx) => {
      await tx.update(importRows).set({ outcome: "SKIPPED" }).where(and(eq(importRows.importId, up.id), sql`${importRows.rowNo} between 1001 and 2000`));
      await tx.update(imports).set({ status: "RUNNING", processed: 1000, skipped: 1000 }).where(eq(imports.id, up.id));
    });
    await runImport(t.tenantId, up.id);
    expect(await getImport(t.ctx, up.id)).toMatchObject({ status: "SUCCEEDED", processed: 2500, created: 1500, skipped: 1000, failed: 0 });
    const emails = (await contactsOf(t.ctx)).map((c) => Number(/^k(\d+)@/.exec(c.email!)![1]));
    expect(emails).toHaveLength(1500);
    expect(emails.filter((n) => n > 1000 && n <= 2000)).toEqual([]);
    await runImport(t.tenantId, up.id); // a duplicate job finds nothing to do
    expect(await contactsOf(t.ctx)).toHaveLength(1500);
  });

  it("preview: the first rows' outcomes and errors, nothing written", async () => {
    const t = await makeTenant();
    const up = await uploadImport(t.ctx, "COMPANY", bytes("Account Name,Website,Number of Employees\nAcme,https://acme.test,12\n,x,lots\n"));
    expect(await previewImport(t.ctx, up.id)).toEqual([
      { row: 1, outcome: "CREATED", error: null },
      { row: 2, outcome: "FAILED", error: "employeeCount: must be a whole number" },
    ]);
    expect((await getImport(t.ctx, up.id)).status).toBe("MAPPING");
    const { data } = await listImports(t.ctx);
    expect(data).toHaveLength(1);
  });
});
