// The Team page's figures against Postgres, compared with the same figures computed in
// TypeScript over the rows the test inserts: rep performance over a period of the
// workspace's days (Los Angeles), a group narrowing it, a rep with "own" scope seeing only
// their own; quota attainment with its gap and today's pace.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, ACTIVITY_TYPES, deals, leads, pipelineStages } from "@/db/schema";
import { policyFor } from "@/db/testing/access-world";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { prng } from "@/lib/analytics/testing";
import { createQuota } from "@/lib/quotas/service";
import { createGroup } from "@/lib/tenancy/groups";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { updateWorkspace } from "@/lib/workspace/service";
import { repPerformance, teamAttainment } from "./team";

const TZ = "America/Los_Angeles";
// January 2026 in LA: [2026-01-01T08:00Z, 2026-02-01T08:00Z)
const START = Date.parse("2026-01-01T08:00:00Z");
const END = Date.parse("2026-02-01T08:00:00Z");
const NOW = new Date("2026-01-16T20:00:00Z"); // Jan 16 in LA

interface D { owner: string; created: number; closed: number | null; status: "open" | "won" | "lost"; amount: number }
interface A { by: string; type: string; at: number }
interface L { owner: string; converted: number | null }

let t: Awaited<ReturnType<typeof makeTenant>>;
let reps: Awaited<ReturnType<typeof makeMember>>[];
let groupId: string;
const ds: D[] = [];
const as: A[] = [];
const ls: L[] = [];

beforeAll(async () => {
  t = await makeTenant("Team Co");
  await updateWorkspace(t.ctx, { timeZone: TZ });
  reps = [await makeMember(t.tenantId, "sales_rep", "Ann"), await makeMember(t.tenantId, "sales_rep", "Bob"), await makeMember(t.tenantId, "sales_rep", "Cy")];
  groupId = (await createGroup(t.ctx, { name: "East", memberUserIds: [reps[0]!.userId, reps[1]!.userId] })).id;
  const rnd = prng(18);
  const at = () => START - 20 * 86_400_000 + Math.floor(rnd() * 60 * 86_400_000); // around the period and its edges
  await withTenant(t.ctx, async (tx) => {
    const stages = await tx.select().from(pipelineStages).where(eq(pipelineStages.tenantId, t.tenantId));
    const stageOf = (name: string) => stages.find((s) => s.name === name)!;
    for (let i = 0; i < 60; i++) {
      const owner = reps[i % 3]!.userId;
      const status = (["open", "won", "lost"] as const)[Math.floor(rnd() * 3)]!;
      const created = at();
      const closed = status === "open" ? null : created + Math.floor(rnd() * 30 * 86_400_000);
      const amount = Math.round(rnd() * 10_000) / 100;
      ds.push({ owner, created, closed, status, amount });
      const stage = stageOf(status === "won" ? "Closed Won" : status === "lost" ? "Closed Lost" : "Proposal");
      await tx.insert(deals).values({ tenantId: t.tenantId, name: `D${i}`, ownedByUserId: owner, status, amount: amount.toFixed(2), createdAt: new Date(created), closedAt: closed ? new Date(closed) : null, pipelineId: stage.pipelineId, stageId: stage.id, stageEnteredAt: new Date(closed ?? created) });
    }
    for (let i = 0; i < 50; i++) {
      const a = { by: reps[Math.floor(rnd() * 3)]!.userId, type: ACTIVITY_TYPES[Math.floor(rnd() * ACTIVITY_TYPES.length)]!, at: at() };
      as.push(a);
      await tx.insert(activities).values({ tenantId: t.tenantId, activityType: a.type as "CALL", subject: "x", activityAt: new Date(a.at), createdByUserId: a.by });
    }
    for (let i = 0; i < 20; i++) {
      const l = { owner: reps[i % 3]!.userId, converted: rnd() < 0.6 ? at() : null };
      ls.push(l);
      await tx.insert(leads).values({ tenantId: t.tenantId, firstName: `L${i}`, ownedByUserId: l.owner, convertedAt: l.converted ? new Date(l.converted) : null, status: l.converted ? "converted" : "new" });
    }
  });
});

const inP = (ms: number | null) => ms !== null && ms >= START && ms < END;
function expected(userId: string) {
  const mine = ds.filter((d) => d.owner === userId);
  const won = mine.filter((d) => d.status === "won" && inP(d.closed));
  const lost = mine.filter((d) => d.status === "lost" && inP(d.closed));
  const cycles = won.map((d) => (d.closed! - d.created) / 86_400_000);
  return {
    activities: Object.fromEntries(ACTIVITY_TYPES.map((k) => [k, as.filter((a) => a.by === userId && a.type === k && inP(a.at)).length])),
    dealsCreated: mine.filter((d) => inP(d.created)).length,
    dealsWon: won.length,
    dealsLost: lost.length,
    winRate: won.length + lost.length ? won.length / (won.length + lost.length) : null,
    wonValue: Math.round(won.reduce((s, d) => s + d.amount, 0) * 100) / 100,
    averageCycleDays: cycles.length ? Math.round((cycles.reduce((a, b) => a + b, 0) / cycles.length) * 10) / 10 : null,
    leadsConverted: ls.filter((l) => l.owner === userId && inP(l.converted)).length,
  };
}

describe("rep performance", () => {
  it("matches the figures computed from the rows, per rep, for a month of the workspace's days", async () => {
    const report = await repPerformance(t.ctx, { from: "2026-01-01", to: "2026-01-31" }, NOW);
    expect(report).toMatchObject({ from: "2026-01-01", to: "2026-01-31", timeZone: TZ });
    for (const rep of reps) {
      const row = report.reps.find((r) => r.userId === rep.userId)!;
      expect(row, rep.userId).toMatchObject(expected(rep.userId));
    }
    // the preset "this month" is the same January, seen from Jan 16
    expect((await repPerformance(t.ctx, { preset: "thisMonth" }, NOW)).reps).toEqual(report.reps);
  });

  it("a group narrows it to its members; a rep with 'own' scope sees only their own records", async () => {
    const east = await repPerformance(t.ctx, { from: "2026-01-01", to: "2026-01-31", groupId }, NOW);
    expect(east.reps.map((r) => r.name)).toEqual(["Ann", "Bob"]);
    await policyFor(t.ctx, "sales_rep", "own", "own");
    const seen = await repPerformance(reps[1]!.ctx, { from: "2026-01-01", to: "2026-01-31" }, NOW);
    const bob = seen.reps.find((r) => r.userId === reps[1]!.userId)!;
    expect(bob).toMatchObject({ dealsWon: expected(reps[1]!.userId).dealsWon, dealsCreated: expected(reps[1]!.userId).dealsCreated });
    const ann = seen.reps.find((r) => r.userId === reps[0]!.userId)!;
    expect([ann.dealsCreated, ann.dealsWon, ann.dealsLost, ann.leadsConverted]).toEqual([0, 0, 0, 0]);
    await policyFor(t.ctx, "sales_rep", "all", "all");
  });
});

describe("quota attainment", () => {
  it("each rep's current quota: target, won, gap and today's pace", async () => {
    await createQuota(t.ctx, { userId: reps[0]!.userId, period: "MONTH", start: "2026-01-01", revenueTarget: "3100" });
    await createQuota(t.ctx, { userId: reps[0]!.userId, period: "YEAR", start: "2026-01-01", revenueTarget: "50000" }); // the month wins
    await createQuota(t.ctx, { userId: reps[1]!.userId, period: "MONTH", start: "2025-12-01", revenueTarget: "100" }); // over
    const team = await teamAttainment(t.ctx, NOW);
    expect(team.today).toBe("2026-01-16");
    expect(team.reps).toHaveLength(1);
    const ann = team.reps[0]!;
    // won as quotas count it: in a DONE_SUCCESS stage, entered in the period (here = closed)
    const won = Math.round(ds.filter((d) => d.owner === reps[0]!.userId && d.status === "won" && inP(d.closed)).reduce((s, d) => s + d.amount, 0) * 100) / 100;
    expect(ann).toMatchObject({ name: "Ann", period: "MONTH", revenueTarget: 3100, won, gap: Math.max(0, Math.round((3100 - won) * 100) / 100), pace: 1600 });
    expect(ann.attainment).toBeCloseTo(won / 3100, 6);
  });
});
