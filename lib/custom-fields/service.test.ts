import { and, asc, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { domainEvents, recordChanges } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { createRecord, getRecord, updateRecord } from "@/lib/records/service";
import { createCustomField, deleteCustomField, getCustomField, listCustomFields, moveCustomField, updateCustomField } from "./service";

describe("custom field definitions", () => {
  it("creates with a key derived from the label, in display order, per object type", async () => {
    const { ctx } = await makeTenant();
    const a = await createCustomField(ctx, { objectType: "DEAL", label: "Contract value (USD)", fieldType: "NUMBER" });
    const b = await createCustomField(ctx, { objectType: "DEAL", label: "Tier", fieldType: "SELECT", options: ["Gold", "Silver"], isRequired: true });
    await createCustomField(ctx, { objectType: "CONTACT", label: "Tier", fieldType: "TEXT" });
    expect(a).toMatchObject({ key: "contractValueUsd", fieldType: "NUMBER", options: [], isRequired: false, displayOrder: 0 });
    expect(b).toMatchObject({ key: "tier", options: ["Gold", "Silver"], isRequired: true, displayOrder: 1 });
    expect((await listCustomFields(ctx, "DEAL")).map((f) => f.key)).toEqual(["contractValueUsd", "tier"]);
    expect((await listCustomFields(ctx)).map((f) => `${f.objectType}.${f.key}`)).toEqual(["CONTACT.tier", "DEAL.contractValueUsd", "DEAL.tier"]);
  });

  it("a key the object type already has is a 409 naming the label (or the key when given)", async () => {
    const { ctx } = await makeTenant();
    await createCustomField(ctx, { objectType: "CONTACT", label: "Birthday", fieldType: "DATE" });
    await expect(createCustomField(ctx, { objectType: "CONTACT", label: "birthday", fieldType: "TEXT" })).rejects.toMatchObject({
      code: "conflict",
      extensions: { errors: [{ path: "label" }] },
    });
    await expect(createCustomField(ctx, { objectType: "CONTACT", label: "Born on", key: "birthday", fieldType: "DATE" })).rejects.toMatchObject({
      code: "conflict",
      extensions: { errors: [{ path: "key" }] },
    });
  });

  it("validates definitions: select needs options, others take none", async () => {
    const { ctx } = await makeTenant();
    await expect(createCustomField(ctx, { objectType: "LEAD", label: "Tier", fieldType: "MULTI_SELECT" })).rejects.toMatchObject({ issues: [{ path: ["options"] }] });
    await expect(createCustomField(ctx, { objectType: "LEAD", label: "Notes", fieldType: "TEXT", options: ["x"] })).rejects.toMatchObject({ issues: [{ path: ["options"] }] });
    await expect(createCustomField(ctx, { objectType: "ACTIVITY" as never, label: "X", fieldType: "TEXT" })).rejects.toMatchObject({ issues: [{ path: ["objectType"] }] });
  });

  it("edits label, options, required and order; key and type stay; deletes", async () => {
    const { ctx } = await makeTenant();
    const f = await createCustomField(ctx, { objectType: "TICKET", label: "Channel", fieldType: "SELECT", options: ["Email"] });
    const g = await createCustomField(ctx, { objectType: "TICKET", label: "SLA hours", fieldType: "NUMBER" });
    const edited = await updateCustomField(ctx, f.id, { label: "Support channel", options: ["Email", "Phone"], isRequired: true });
    expect(edited).toMatchObject({ key: "channel", label: "Support channel", fieldType: "SELECT", options: ["Email", "Phone"], isRequired: true });
    await expect(updateCustomField(ctx, g.id, { options: ["x"] })).rejects.toMatchObject({ code: "validation", extensions: { errors: [{ path: "options" }] } });
    await expect(updateCustomField(ctx, f.id, { fieldType: "TEXT" } as never)).rejects.toMatchObject({ name: "ZodError" });

    await moveCustomField(ctx, g.id, "up");
    expect((await listCustomFields(ctx, "TICKET")).map((x) => x.key)).toEqual(["slaHours", "channel"]);
    await deleteCustomField(ctx, f.id);
    await expect(getCustomField(ctx, f.id)).rejects.toMatchObject({ code: "not-found" });
  });

  it("only admins manage definitions; another tenant's id is not found", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const manager = await makeMember(a.tenantId, "manager");
    await expect(createCustomField(manager.ctx, { objectType: "DEAL", label: "X", fieldType: "TEXT" })).rejects.toMatchObject({ code: "forbidden" });
    const bField = await createCustomField(b.ctx, { objectType: "DEAL", label: "Secret", fieldType: "TEXT" });
    await expect(getCustomField(a.ctx, bField.id)).rejects.toMatchObject({ code: "not-found" });
    await expect(updateCustomField(a.ctx, bField.id, { label: "hijack" })).rejects.toMatchObject({ code: "not-found" });
    await expect(deleteCustomField(a.ctx, bField.id)).rejects.toMatchObject({ code: "not-found" });
    expect(await listCustomFields(a.ctx)).toEqual([]);
  });
});

describe("record writes check custom field values", () => {
  async function dealFields() {
    const t = await makeTenant();
    for (const [label, fieldType, extra] of [
      ["Budget", "NUMBER", { isRequired: true }],
      ["Close reason", "TEXT", {}],
      ["Signed on", "DATE", {}],
      ["Tier", "SELECT", { options: ["Gold", "Silver"] }],
      ["Products", "MULTI_SELECT", { options: ["CRM", "Board", "API"] }],
      ["Approved", "CHECKBOX", {}],
      ["Contract URL", "URL", {}],
    ] as const) {
      await createCustomField(t.ctx, { objectType: "DEAL", label, fieldType, ...(extra as { isRequired?: boolean; options?: string[] }) });
    }
    return t;
  }

  it("createRecord stores valid values of every type", async () => {
    const { ctx } = await dealFields();
    const customFields = { budget: 5000, closeReason: "Price", signedOn: "2026-03-01", tier: "Gold", products: ["CRM", "API"], approved: false, contractUrl: "https://docs.example/c/1" };
    const deal = await createRecord(ctx, "DEAL", { name: "Acme", customFields });
    expect(deal.customFields).toEqual(customFields);
  });

  it("createRecord refuses a bad value of each type with 422 paths customFields.<key>, and a missing required field", async () => {
    const { ctx } = await dealFields();
    const bad = { budget: "5000", closeReason: "x".repeat(2001), signedOn: "01/03/2026", tier: "Platinum", products: ["CRM", "Fax"], approved: "yes", contractUrl: "not a url", colour: "red" };
    const err = await createRecord(ctx, "DEAL", { name: "Acme", customFields: bad }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "validation", status: 422 });
    const paths = (err as { extensions: { errors: { path: string }[] } }).extensions.errors.map((e) => e.path).sort();
    expect(paths).toEqual(["customFields.approved", "customFields.budget", "customFields.closeReason", "customFields.colour", "customFields.contractUrl", "customFields.products", "customFields.signedOn", "customFields.tier"]);

    await expect(createRecord(ctx, "DEAL", { name: "No budget" })).rejects.toMatchObject({
      code: "validation",
      extensions: { errors: [{ path: "customFields.budget", message: "is required" }] },
    });
  });

  it("updateRecord checks values too, but does not demand required fields the record never had", async () => {
    const t = await makeTenant();
    const deal = await createRecord(t.ctx, "DEAL", { name: "Before the field existed" });
    await createCustomField(t.ctx, { objectType: "DEAL", label: "Budget", fieldType: "NUMBER", isRequired: true });
    await createCustomField(t.ctx, { objectType: "DEAL", label: "Note", fieldType: "TEXT" });
    // the record has no budget yet: other edits still go through
    expect((await updateRecord(t.ctx, "DEAL", deal.id, { name: "Renamed", customFields: { note: "hi" } })).customFields).toEqual({ note: "hi" });
    await expect(updateRecord(t.ctx, "DEAL", deal.id, { customFields: { note: 5 } })).rejects.toMatchObject({ extensions: { errors: [{ path: "customFields.note" }] } });
    await updateRecord(t.ctx, "DEAL", deal.id, { customFields: { budget: 10 } });
    // once set, a required field cannot be cleared
    await expect(updateRecord(t.ctx, "DEAL", deal.id, { customFields: { budget: null } })).rejects.toMatchObject({ extensions: { errors: [{ path: "customFields.budget", message: "is required" }] } });
  });

  it("audits a custom field change per field: only the ones that changed, in record_changes and the event", async () => {
    const t = await makeTenant();
    await createCustomField(t.ctx, { objectType: "CONTACT", label: "Budget", fieldType: "NUMBER" });
    await createCustomField(t.ctx, { objectType: "CONTACT", label: "Note", fieldType: "TEXT" });
    const c = await createRecord(t.ctx, "CONTACT", { firstName: "Ann", customFields: { budget: 5, note: "keep" } });
    await updateRecord(t.ctx, "CONTACT", c.id, { jobTitle: "CEO", customFields: { note: "keep", budget: 7 } });
    await updateRecord(t.ctx, "CONTACT", c.id, { customFields: { note: null } });
    const audit = await withTenant(t.ctx, (tx) =>
      tx.select({ changes: recordChanges.changes }).from(recordChanges).where(and(eq(recordChanges.tenantId, t.tenantId), eq(recordChanges.recordId, c.id))).orderBy(asc(recordChanges.changedAt)),
    );
    expect(audit.map((a) => a.changes)).toEqual([
      { jobTitle: { from: null, to: "CEO" }, "customFields.budget": { from: 5, to: 7 } },
      { "customFields.note": { from: "keep", to: null } },
    ]);
    const [event] = await withTenant(t.ctx, (tx) =>
      tx.select({ payload: domainEvents.payload }).from(domainEvents).where(and(eq(domainEvents.tenantId, t.tenantId), eq(domainEvents.eventType, "record.updated"))).orderBy(desc(domainEvents.seq)).limit(1),
    );
    expect((event!.payload as { changes: unknown }).changes).toEqual({ "customFields.note": { from: "keep", to: null } });
    expect((await getRecord(t.ctx, "CONTACT", c.id)).customFields).toEqual({ budget: 7 });
  });

  it("an update merges custom fields: unnamed ones stay, null clears one, a required one cannot be cleared", async () => {
    const { ctx } = await makeTenant();
    await createCustomField(ctx, { objectType: "COMPANY", label: "Tier", fieldType: "TEXT", isRequired: true });
    await createCustomField(ctx, { objectType: "COMPANY", label: "Seats", fieldType: "NUMBER" });
    const c = await createRecord(ctx, "COMPANY", { name: "Merge Co", customFields: { tier: "gold", seats: 10 } });
    expect((await updateRecord(ctx, "COMPANY", c.id, { customFields: { seats: 12 } })).customFields).toEqual({ tier: "gold", seats: 12 });
    expect((await updateRecord(ctx, "COMPANY", c.id, { customFields: { seats: null } })).customFields).toEqual({ tier: "gold" });
    await expect(updateRecord(ctx, "COMPANY", c.id, { customFields: { tier: null } })).rejects.toMatchObject({
      code: "validation",
      extensions: { errors: [{ path: "customFields.tier", message: "is required" }] },
    });
    expect((await getRecord(ctx, "COMPANY", c.id)).customFields).toEqual({ tier: "gold" });
  });

  it("values of a deleted field stay stored, are not checked, and may be sent back unchanged", async () => {
    const { ctx } = await makeTenant();
    const f = await createCustomField(ctx, { objectType: "CONTACT", label: "Shoe size", fieldType: "NUMBER" });
    const c = await createRecord(ctx, "CONTACT", { firstName: "Ann", customFields: { shoeSize: 38 } });
    await deleteCustomField(ctx, f.id);
    expect((await getRecord(ctx, "CONTACT", c.id)).customFields).toEqual({ shoeSize: 38 });
    // a client that sends the record's customFields back unchanged is not refused
    expect((await updateRecord(ctx, "CONTACT", c.id, { jobTitle: "CEO", customFields: { shoeSize: 38 } })).customFields).toEqual({ shoeSize: 38 });
    // but it cannot set the gone field anew
    await expect(updateRecord(ctx, "CONTACT", c.id, { customFields: { shoeSize: 39 } })).rejects.toMatchObject({
      extensions: { errors: [{ path: "customFields.shoeSize", message: "is not a custom field of contacts" }] },
    });
  });
});
