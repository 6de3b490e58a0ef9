// Quotas and their attainment against Postgres: the period's edges are whole days of the
// workspace's time zone (here Los Angeles, UTC−8 in winter), a deal reopened since counts
// no more, deal types narrow the won deals, a group quota covers the group and its members.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deals, stageHistory } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createActivity } from "@/lib/activities/service";
import { loadBoard } from "@/lib/board/queries";
import { moveRecord } from "@/lib/pipelines/move-record";
import { createRecord } from "@/lib/records/service";
import { createGroup } from "@/lib/tenancy/groups";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { updateWorkspace } from "@/lib/workspace/service";
import { createQuota, deleteQuota, getQuota, listQuotas, quotaAttainment, updateQuota } from "./service";

describe("quotas", () => {
  it("measure attainment over the period's days in the workspace's time zone", async () => {
    const t = await makeTenant("Quota Co");
    await updateWorkspace(t.ctx, { timeZone: "America/Los_Angeles" });
    const rep = await makeMember(t.tenantId, "sales_rep", "Rita Rep");
    const other = await makeMember(t.tenantId, "sales_rep", "Olaf Other");
    const group = await createGroup(t.ctx, { name: "West", memberUserIds: [rep.userId] });
    const first = await createRecord(t.ctx, "DEAL", { name: "probe" });
    const board = await loadBoard(t.ctx, "DEAL", first.pipelineId as string, {}, { limit: 1 });
    const stage = (name: string) => board.pipeline.stages.find((s) => s.name === name)!.id;

    /** A deal owned as given, won at `wonAt` (the history and the record say so). */
    const wonDeal = async (owner: { ownedByUserId?: string; ownedByGroupId?: string }, amount: string, wonAt: string, dealType = "NEW") => {
      const d = await createRecord(t.ctx, "DEAL", { name: `won ${wonAt}`, amount, dealType, ...owner });
      await moveRecord(t.ctx, "DEAL", d.id, { toStageId: stage("Closed Won") });
      await withTenant(t.ctx, async (tx) => {
        await tx.update(deals).set({ stageEnteredAt: new Date(wonAt) }).where(and(eq(deals.tenantId, t.tenantId), eq(deals.id, d.id)));
        await tx.update(stageHistory).set({ changedAt: new Date(wonAt) }).where(and(eq(stageHistory.tenantId, t.tenantId), eq(stageHistory.entityId, d.id), eq(stageHistory.seq, 2)));
      });
      return d;
    };
    const mine = { ownedByUserId: rep.userId };
    await wonDeal(mine, "1.00", "2026-01-01T07:59:00Z"); // Dec 31 in LA: before
    await wonDeal(mine, "10.00", "2026-01-01T08:00:00Z"); // Jan 1, 00:00 in LA: in
    await wonDeal(mine, "100.00", "2026-02-01T07:59:00Z"); // Jan 31, 23:59 in LA: in
    await wonDeal(mine, "1000.00", "2026-02-01T08:00:00Z"); // Feb 1 in LA: after
    await wonDeal(mine, "20.00", "2026-01-10T12:00:00Z", "RENEWAL"); // in, a renewal
    const reopened = await wonDeal(mine, "5000.00", "2026-01-05T12:00:00Z");
    await moveRecord(t.ctx, "DEAL", reopened.id, { toStageId: stage("Negotiation") });
    await wonDeal({ ownedByUserId: other.userId }, "7000.00", "2026-01-15T12:00:00Z"); // someone else's
    await wonDeal({ ownedByGroupId: group.id }, "300.00", "2026-01-20T12:00:00Z"); // the group's
    // committed: open deals closing in January (dates), weighted
    await createRecord(t.ctx, "DEAL", { name: "closing", amount: "1000.00", forecastProbability: 0.25, closeDate: "2026-01-31", ...mine });
    await createRecord(t.ctx, "DEAL", { name: "later", amount: "1000.00", forecastProbability: 0.25, closeDate: "2026-02-01", ...mine });
    // activities the rep logged
    const contact = await createRecord(rep.ctx, "CONTACT", { firstName: "Cal" });
    for (const [activityType, activityAt] of [
      ["CALL", "2026-01-01T07:00:00Z"], // Dec 31 in LA
      ["CALL", "2026-01-15T18:00:00Z"],
      ["MEETING", "2026-02-01T07:00:00Z"], // Jan 31 in LA
      ["NOTE", "2026-01-15T18:00:00Z"],
    ] as const) {
      await createActivity(rep.ctx, { activityType, subject: activityType, recordType: "CONTACT", recordId: contact.id, activityAt });
    }

    const q = await createQuota(t.ctx, { userId: rep.userId, period: "MONTH", start: "2026-01-01", revenueTarget: "500", dealsTarget: 5, callsTarget: 10, meetingsTarget: 2 });
    expect(q).toMatchObject({ start: "2026-01-01", end: "2026-01-31", revenueTarget: "500.00", dealTypes: [] });
    expect(await quotaAttainment(t.ctx, q.id)).toEqual({ revenueWon: "130.00", dealsWon: 3, calls: 1, meetings: 1, committed: "250.00" });
    // only new business
    await updateQuota(t.ctx, q.id, { dealTypes: ["NEW"] });
    expect(await quotaAttainment(t.ctx, q.id)).toMatchObject({ revenueWon: "110.00", dealsWon: 2 });
    // the group: its own deal and its member's
    const g = await createQuota(t.ctx, { groupId: group.id, period: "QUARTER", start: "2026-01-01", revenueTarget: 1000 });
    expect(g.end).toBe("2026-03-31");
    expect(await quotaAttainment(t.ctx, g.id)).toMatchObject({ revenueWon: "1430.00", dealsWon: 5 });
    // in UTC the edges move: the Dec 31 (LA) deal counts, the Jan 31 evening one does not
    await updateWorkspace(t.ctx, { timeZone: "UTC" });
    await updateQuota(t.ctx, q.id, { dealTypes: [] });
    expect(await quotaAttainment(t.ctx, q.id)).toMatchObject({ revenueWon: "31.00", dealsWon: 3, calls: 2, meetings: 0 });

    expect((await listQuotas(rep.ctx, { userId: rep.userId })).map((x) => x.id)).toEqual([q.id]);
    await expect(createQuota(rep.ctx, { userId: rep.userId, period: "MONTH", start: "2026-01-01" })).rejects.toMatchObject({ code: "forbidden" });
    const manager = await makeMember(t.tenantId, "manager");
    await expect(createQuota(manager.ctx, { userId: rep.userId, groupId: group.id, period: "MONTH", start: "2026-01-01" })).rejects.toThrow(/exactly one/);
    await deleteQuota(manager.ctx, g.id);
    await expect(getQuota(t.ctx, g.id)).rejects.toMatchObject({ code: "not-found" });
  });

  it("refuses another workspace's user and hides another workspace's quotas", async () => {
    const a = await makeTenant("A Co");
    const b = await makeTenant("B Co");
    await expect(createQuota(a.ctx, { userId: b.userId, period: "YEAR", start: "2026-01-01" })).rejects.toMatchObject({ code: "validation" });
    const q = await createQuota(a.ctx, { userId: a.userId, period: "YEAR", start: "2026-01-01", dealsTarget: 3 });
    await expect(getQuota(b.ctx, q.id)).rejects.toMatchObject({ code: "not-found" });
    await expect(quotaAttainment(b.ctx, q.id)).rejects.toMatchObject({ code: "not-found" });
    expect(await listQuotas(b.ctx)).toEqual([]);
  });
});
