// Scoring against Postgres: the set-based rescore (sql.ts) gives every lead the score
// the pure function (rules.ts) gives it, and the consumer rescores a lead after a change
// of the lead or of its activities, without writing record changes.
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, domainEvents, leadRescoreRuns, recordChanges } from "@/db/schema";
import { makeTenant } from "@/db/testing/factories";
import { createActivity } from "@/lib/activities/service";
import { dispatchPending, registerConsumer } from "@/lib/events/dispatcher";
import { createRecord, getRecord, updateRecord } from "@/lib/records/service";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { leadScoringConsumer } from "./consumer";
import { getLeadScoring, leadScore, putLeadScoring, runRescoreAll } from "./service";

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

const CONFIG = {
  rules: [
    { label: "Rating is hot", condition: { field: "rating", op: "eq", value: "hot" }, points: 20 },
    { label: "Rating is cold", condition: { field: "rating", op: "eq", value: "cold" }, points: -60 },
    { label: "Works at a company", condition: { field: "companyName", op: "isNotEmpty" }, points: 10 },
    { label: "Tagged VIP", condition: { field: "tags", op: "hasAny", value: ["vip"] }, points: 60 },
    { label: "Referral or event", condition: { any: [{ field: "source", op: "in", value: ["referral", "event"] }, { field: "email", op: "endsWith", value: ".org" }] }, points: 30 },
  ],
  activityPoints: { CALL: 5, EMAIL: 3, MEETING: 11, NOTE: -1 },
  decayDays: 30,
} as const;

describe("lead scoring against Postgres", () => {
  let unregister: () => void;
  beforeAll(() => {
    unregister = registerConsumer(leadScoringConsumer);
  });
  afterAll(() => unregister());

  it("rescoring all set-based gives each lead the pure function's score, in batches, with progress", async () => {
    const t = await makeTenant("Scoring Co");
    const ratings = ["hot", "warm", "cold", null] as const;
    const sources = ["referral", "web_form", "event", null] as const;
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) {
      const lead = await createRecord(t.ctx, "LEAD", {
        firstName: `Lead ${i}`,
        email: i % 5 === 0 ? `l${i}@example.org` : `l${i}@example.com`,
        companyName: i % 3 === 0 ? null : `Co ${i}`,
        rating: ratings[i % 4],
        source: sources[i % 4],
        tags: i % 7 === 0 ? ["vip"] : [],
      });
      ids.push(lead.id);
      for (let k = 0; k < i % 6; k++) {
        await createActivity(t.ctx, { recordType: "LEAD", recordId: lead.id, activityType: (["CALL", "EMAIL", "MEETING", "NOTE"] as const)[(i + k) % 4]!, subject: `a${k}`, activityAt: ago((i * 7 + k * 13) % 70) });
      }
    }
    const put = await putLeadScoring(t.ctx, CONFIG as never);
    expect(put.rescore).toMatchObject({ status: "RUNNING" });
    const run = await runRescoreAll(t.tenantId, put.rescore!.id, 5);
    expect(run).toMatchObject({ status: "SUCCEEDED", total: 24, processed: 24 });
    expect(run.changed).toBeGreaterThan(0);
    const clamped = { low: 0, high: 0 };
    for (const id of ids) {
      const stored = (await getRecord(t.ctx, "LEAD", id)).score as number;
      const pure = await leadScore(t.ctx, id);
      expect(stored, `lead ${id}`).toBe(pure.score);
      expect(pure.breakdown.reduce((s, l) => s + l.points, 0)).toBe(pure.total);
      if (pure.total < 0) clamped.low++;
      if (pure.total > 100) clamped.high++;
    }
    // the fixtures reach both clamps, so the SQL's clamping is checked too
    expect(clamped.low).toBeGreaterThan(0);
    expect(clamped.high).toBeGreaterThan(0);
    expect((await getLeadScoring(t.ctx)).rescore).toMatchObject({ status: "SUCCEEDED", processed: 24 });
  });

  it("the consumer rescores a lead after a change of it or of its activities: a lead.scored event, no record change, no audit entry", async () => {
    const t = await makeTenant("Consumer Co");
    const put = await putLeadScoring(t.ctx, CONFIG as never);
    await runRescoreAll(t.tenantId, put.rescore!.id);
    const lead = await createRecord(t.ctx, "LEAD", { firstName: "Ann", email: "ann@acme.test", rating: "warm" });
    await dispatchPending(t.tenantId, 100);
    expect((await getRecord(t.ctx, "LEAD", lead.id)).score).toBe(0);

    await updateRecord(t.ctx, "LEAD", lead.id, { rating: "hot", companyName: "Acme" });
    await dispatchPending(t.tenantId, 100);
    expect((await getRecord(t.ctx, "LEAD", lead.id)).score).toBe(30);

    await createActivity(t.ctx, { recordType: "LEAD", recordId: lead.id, activityType: "MEETING", subject: "Demo" });
    await createActivity(t.ctx, { recordType: "LEAD", recordId: lead.id, activityType: "CALL", subject: "Old call", activityAt: ago(60) });
    await dispatchPending(t.tenantId, 100);
    expect((await getRecord(t.ctx, "LEAD", lead.id)).score).toBe(30 + 11 + 2);
    const score = await leadScore(t.ctx, lead.id);
    expect(score.breakdown.map((l) => `${l.label} ${l.points}`)).toEqual(["Rating is hot 20", "Works at a company 10", "1 call older than 30 days ×½ 2", "1 meeting 11"]);

    await withTenant(t.ctx, async (tx) => {
      const scored = await tx.select().from(domainEvents).where(and(eq(domainEvents.tenantId, t.tenantId), eq(domainEvents.eventType, "lead.scored"), eq(domainEvents.entityId, lead.id))).orderBy(asc(domainEvents.seq));
      expect(scored.map((e) => (e.payload as { changes: { score: { to: number } } }).changes.score.to)).toEqual([30, 43]);
      expect(scored.every((e) => e.source === "SYSTEM")).toBe(true);
      const changes = await tx.select().from(recordChanges).where(and(eq(recordChanges.tenantId, t.tenantId), eq(recordChanges.recordId, lead.id)));
      expect(changes.some((c) => "score" in (c.changes as Record<string, unknown>))).toBe(false);
      const audit = await tx.select().from(auditLog).where(and(eq(auditLog.tenantId, t.tenantId), eq(auditLog.recordId, lead.id)));
      expect(audit.some((a) => a.changes && "score" in (a.changes as Record<string, unknown>))).toBe(false);
    });

    // an unchanged score writes nothing
    await updateRecord(t.ctx, "LEAD", lead.id, { lastName: "Lee" });
    await dispatchPending(t.tenantId, 100);
    const count = await withTenant(t.ctx, (tx) => tx.select().from(domainEvents).where(and(eq(domainEvents.tenantId, t.tenantId), eq(domainEvents.eventType, "lead.scored"))));
    expect(count).toHaveLength(2);
  });

  it("makes score read-only while scoring is set up (422 on score), an ordinary field before", async () => {
    const t = await makeTenant("Read-only Co");
    const lead = await createRecord(t.ctx, "LEAD", { firstName: "Before", score: 40 });
    expect(lead.score).toBe(40);
    await putLeadScoring(t.ctx, CONFIG as never);
    await expect(createRecord(t.ctx, "LEAD", { firstName: "After", score: 40 })).rejects.toMatchObject({ code: "validation", extensions: { errors: [expect.objectContaining({ path: "score" })] } });
    await expect(updateRecord(t.ctx, "LEAD", lead.id, { score: 90 })).rejects.toMatchObject({ code: "validation" });
    expect((await updateRecord(t.ctx, "LEAD", lead.id, { lastName: "Still editable" })).lastName).toBe("Still editable");
  });

  it("refuses a rule whose condition does not fit the lead fields, or reads the score itself (422 naming the rule)", async () => {
    const t = await makeTenant("Bad Rules Co");
    await expect(putLeadScoring(t.ctx, { rules: [{ label: "x", condition: { field: "amount", op: "gt", value: 1 }, points: 5 }], activityPoints: {} })).rejects.toMatchObject({
      code: "validation",
      extensions: { errors: [expect.objectContaining({ path: "rules[0].condition.field" })] },
    });
    await expect(putLeadScoring(t.ctx, { rules: [{ label: "x", condition: { field: "score", op: "gt", value: 1 }, points: 5 }], activityPoints: {} })).rejects.toMatchObject({ code: "validation" });
    const runs = await withTenant(t.ctx, (tx) => tx.select().from(leadRescoreRuns).where(eq(leadRescoreRuns.tenantId, t.tenantId)));
    expect(runs).toHaveLength(0);
  });
});
