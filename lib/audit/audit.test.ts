// The audit log against real Postgres: record changes appended in the writer's
// transaction (by the domain_events trigger), the other actions by their services,
// append-only for the app role, and read by admins only.
import { and, eq } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { auditLog, pipelineStages } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createApiKey, revokeApiKey } from "@/lib/api/keys";
import { exportCsv } from "@/lib/export/stream";
import { moveRecord } from "@/lib/pipelines/move-record";
import { createRecord, updateRecord, updateRecordIn, lockLiveRecords, deleteRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { putAccessPolicy } from "@/lib/tenancy/access-policy";
import { changeMemberRole, setMemberActive } from "@/lib/tenancy/members";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { listAuditLog } from "./queries";
import { auditSignIn, auditSignInFailed } from "./sign-in";

const entries = (ctx: TenantContext, recordId?: string) =>
  withTenant(ctx, (tx) => tx.select().from(auditLog).where(and(eq(auditLog.tenantId, ctx.tenantId), recordId ? eq(auditLog.recordId, recordId) : undefined)).orderBy(auditLog.seq));

describe("audit log: record changes", () => {
  it("an update writes exactly one entry with the field diff, the actor and the address", async () => {
    const t = await makeTenant();
    const c = await createRecord(t.ctx, "CONTACT", { firstName: "Ann", email: "ann@example.test" });
    await updateRecord({ ...t.ctx, ip: "203.0.113.7" }, "CONTACT", c.id, { firstName: "Anna", jobTitle: "CTO" });
    const rows = await entries(t.ctx, c.id);
    expect(rows.map((r) => r.action)).toEqual(["record.created", "record.updated"]);
    expect(rows[1]).toMatchObject({ actorUserId: t.userId, recordType: "CONTACT", ip: "203.0.113.7", changes: { firstName: ["Ann", "Anna"], jobTitle: [null, "CTO"] } });
    expect(rows[0]!.ip).toBeNull();
  });

  it("a change rolled back leaves no entry", async () => {
    const t = await makeTenant();
    const c = await createRecord(t.ctx, "CONTACT", { firstName: "Ann" });
    await expect(
      withTenant(t.ctx, async (tx) => {
        const [row] = await lockLiveRecords(tx, t.ctx, "CONTACT", [c.id]);
        await updateRecordIn(tx, t.ctx, "CONTACT", row!, { lastName: "Lee" });
        expect((await tx.select().from(auditLog).where(eq(auditLog.recordId, c.id))).map((r) => r.action)).toContain("record.updated");
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect((await entries(t.ctx, c.id)).map((r) => r.action)).toEqual(["record.created"]);
  });

  it("a move is a record.updated entry with the stage change; a delete a record.deleted; an API key is named", async () => {
    const t = await makeTenant();
    const deal = await createRecord(t.ctx, "DEAL", { name: "Big" });
    const stages = await withTenant(t.ctx, (tx) => tx.select().from(pipelineStages).where(eq(pipelineStages.pipelineId, deal.pipelineId as string)).orderBy(pipelineStages.displayOrder));
    const next = stages[1]!;
    await moveRecord(t.ctx, "DEAL", deal.id, { toStageId: next.id });
    const k = await createApiKey(t.ctx, { name: "zap", role: "admin" });
    const keyCtx: TenantContext = { tenantId: t.tenantId, actor: { kind: "api_key", userId: null, apiKeyId: k.id, role: "admin", source: "API" } };
    await deleteRecord(keyCtx, "DEAL", deal.id);
    const rows = await entries(t.ctx, deal.id);
    expect(rows.map((r) => r.action)).toEqual(["record.created", "record.updated", "record.deleted"]);
    expect(rows[1]!.changes).toEqual({ stageId: [deal.stageId, next.id] });
    expect(rows[2]).toMatchObject({ actorUserId: null, actorApiKeyId: k.id });
  });

  it("the app role can neither update nor delete an entry", async () => {
    const t = await makeTenant();
    const c = await createRecord(t.ctx, "CONTACT", { firstName: "Ann" });
    await expect(withTenant(t.ctx, (tx) => tx.update(auditLog).set({ action: "record.deleted" }).where(eq(auditLog.recordId, c.id)))).rejects.toThrow(/permission denied/);
    await expect(withTenant(t.ctx, (tx) => tx.delete(auditLog).where(eq(auditLog.recordId, c.id)))).rejects.toThrow(/permission denied/);
    expect((await entries(t.ctx, c.id)).map((r) => r.action)).toEqual(["record.created"]);
    // nor can the tables' owner: the trigger refuses everyone
    const owner = postgres(inject("ownerUrl"), { max: 1, onnotice: () => {} });
    try {
      await expect(owner`update audit_log set action = 'record.deleted' where record_id = ${c.id}`).rejects.toThrow(/append-only/);
      await expect(owner`delete from audit_log where record_id = ${c.id}`).rejects.toThrow(/append-only/);
    } finally {
      await owner.end();
    }
  });
});

describe("audit log: other actions", () => {
  it("an access-policy change records each role and type it changed, before and after; a PUT that changes nothing records nothing", async () => {
    const t = await makeTenant();
    await putAccessPolicy(t.ctx, { sales_rep: { CONTACT: { read: "own", write: "own" }, DEAL: { read: "all", write: "all" } } });
    await putAccessPolicy(t.ctx, { sales_rep: { CONTACT: { read: "own", write: "own" } } });
    const rows = (await entries(t.ctx)).filter((r) => r.action === "access_policy.updated");
    expect(rows.map((r) => r.changes)).toEqual([{ "sales_rep.CONTACT": [{ read: "all", write: "all" }, { read: "own", write: "own" }] }]);
  });

  it("sign-ins and failed sign-ins, in the workspace they were for", async () => {
    const t = await makeTenant();
    const other = await makeTenant("Other");
    await auditSignIn({ userId: t.userId, tenantId: t.tenantId, ok: true, ip: "198.51.100.1" });
    await auditSignInFailed(t.userId, t.tenantId, "198.51.100.2");
    const rows = (await entries(t.ctx)).filter((r) => r.action.startsWith("auth."));
    expect(rows).toEqual([
      expect.objectContaining({ action: "auth.sign_in", actorUserId: t.userId, ip: "198.51.100.1" }),
      expect.objectContaining({ action: "auth.sign_in_failed", actorUserId: t.userId, ip: "198.51.100.2" }),
    ]);
    expect((await entries(other.ctx)).filter((r) => r.action.startsWith("auth."))).toEqual([]);
  });

  it("role changes, deactivations, API keys and CSV exports", async () => {
    const t = await makeTenant();
    const rep = await makeMember(t.tenantId, "sales_rep", "Rita");
    await changeMemberRole(t.ctx, { userId: rep.userId, role: "manager" });
    await setMemberActive(t.ctx, { userId: rep.userId, active: false });
    const k = await createApiKey(t.ctx, { name: "zap", role: "readonly" });
    await revokeApiKey(t.ctx, k.id);
    await exportCsv(t.ctx, "CONTACT", { selection: { all: true } });
    const rows = await entries(t.ctx);
    expect(rows.map((r) => [r.action, r.changes])).toEqual([
      ["member.role_changed", { userId: rep.userId, role: ["sales_rep", "manager"] }],
      ["member.deactivated", { userId: rep.userId, isActive: [true, false] }],
      ["api_key.created", { apiKeyId: k.id, name: "zap", role: "readonly" }],
      ["api_key.revoked", { apiKeyId: k.id, name: "zap" }],
      ["export", expect.objectContaining({ format: "csv" })],
    ]);
    expect(JSON.stringify(rows)).not.toContain(k.key);
  });
});

describe("listAuditLog", () => {
  it("filters by record, action and actor, pages newest first, and refuses non-admins", async () => {
    const t = await makeTenant();
    const rep = await makeMember(t.tenantId, "sales_rep");
    const a = await createRecord(t.ctx, "CONTACT", { firstName: "A" });
    const b = await createRecord(rep.ctx, "CONTACT", { firstName: "B" });
    await updateRecord(t.ctx, "CONTACT", a.id, { lastName: "One" });
    await updateRecord(t.ctx, "CONTACT", a.id, { lastName: "Two" });
    const byRecord = await listAuditLog(t.ctx, { recordType: "CONTACT", recordId: a.id, limit: 2 });
    expect(byRecord.data.map((e) => e.changes)).toEqual([{ lastName: ["One", "Two"] }, { lastName: [null, "One"] }]);
    const rest = await listAuditLog(t.ctx, { recordType: "CONTACT", recordId: a.id, limit: 2, cursor: byRecord.nextCursor! });
    expect(rest).toEqual({ data: [expect.objectContaining({ action: "record.created" })], nextCursor: null });
    expect((await listAuditLog(t.ctx, { actorUserId: rep.userId })).data.map((e) => e.recordId)).toEqual([b.id]);
    expect((await listAuditLog(t.ctx, { action: "record.created" })).data).toHaveLength(2);
    expect((await listAuditLog(t.ctx, { from: "2000-01-01", to: "2000-01-02" })).data).toEqual([]);
    await expect(listAuditLog(rep.ctx, {})).rejects.toMatchObject({ code: "forbidden" });
  });
});
