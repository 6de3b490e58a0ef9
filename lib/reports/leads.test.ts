// The leads report against Postgres: by source and status, conversion rate, time to first
// contact and to conversion, score distribution — only leads created in the period.
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { leads } from "@/db/schema";
import { makeTenant } from "@/db/testing/factories";
import { createActivity } from "@/lib/activities/service";
import { createRecord } from "@/lib/records/service";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { leadsReport } from "./leads";

const HOUR = 3_600_000;

describe("leadsReport", () => {
  it("counts the period's leads by source and status, with conversion rate, times and scores", async () => {
    const t = await makeTenant("Report Co");
    const created = new Date(Date.now() - 10 * 24 * HOUR);
    const make = async (source: string | null, status: string, score: number, convertedAfterDays?: number) => {
      const lead = await createRecord(t.ctx, "LEAD", { firstName: `${source}-${status}`, source, status, score });
      await withTenant(t.ctx, (tx) =>
        tx
          .update(leads)
          .set({ createdAt: created, convertedAt: convertedAfterDays === undefined ? null : new Date(created.getTime() + convertedAfterDays * 24 * HOUR) })
          .where(and(eq(leads.tenantId, t.tenantId), eq(leads.id, lead.id))),
      );
      return lead;
    };
    const w1 = await make("Web", "new", 5);
    await make("web", "converted", 55, 4);
    await make("Web", "contacted", 95);
    await make("Referral", "converted", 100, 2);
    await make(null, "unqualified", 12);
    // outside the period
    const old = await createRecord(t.ctx, "LEAD", { firstName: "Old", source: "Web" });
    await withTenant(t.ctx, (tx) => tx.update(leads).set({ createdAt: sql`now() - interval '400 days'` }).where(and(eq(leads.tenantId, t.tenantId), eq(leads.id, old.id))));
    // first contact 6 hours after creation (a note does not count; the earliest call/email/meeting does)
    await createActivity(t.ctx, { recordType: "LEAD", recordId: w1.id, activityType: "NOTE", subject: "n", activityAt: new Date(created.getTime() + 1 * HOUR).toISOString() });
    await createActivity(t.ctx, { recordType: "LEAD", recordId: w1.id, activityType: "CALL", subject: "c", activityAt: new Date(created.getTime() + 6 * HOUR).toISOString() });
    await createActivity(t.ctx, { recordType: "LEAD", recordId: w1.id, activityType: "EMAIL", subject: "e", activityAt: new Date(created.getTime() + 9 * HOUR).toISOString() });

    const report = await leadsReport(t.ctx, { from: new Date(Date.now() - 30 * 24 * HOUR), to: null });
    const web = report.sources.find((s) => s.source?.toLowerCase() === "web")!;
    expect(web).toMatchObject({ leads: 3, converted: 1, contacted: 1, byStatus: { new: 1, contacted: 1, converted: 1, qualified: 0, unqualified: 0 } });
    expect(web.conversionRate).toBeCloseTo(1 / 3);
    expect(web.medianHoursToFirstContact).toBeCloseTo(6);
    expect(web.medianDaysToConversion).toBeCloseTo(4);
    expect(report.sources.find((s) => s.source === "Referral")).toMatchObject({ leads: 1, converted: 1, conversionRate: 1 });
    expect(report.sources.find((s) => !s.total && s.source === null)).toMatchObject({ leads: 1, byStatus: { unqualified: 1 } });
    const total = report.sources.at(-1)!;
    expect(total).toMatchObject({ total: true, leads: 5, converted: 2 });
    expect(total.medianDaysToConversion).toBeCloseTo(3);
    expect(report.scores.map((b) => b.leads)).toEqual([1, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
  });
});
