// The scorer as a pure function: every rule kind the filter language offers on leads,
// activity points with and without decay, clamping, and a breakdown that sums to the
// score before clamping.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { FilterNode } from "@/lib/filters/schema";
import { scoreLead, type ScoredActivity, type ScoringConfig, type ScoringRule } from "./rules";

const NOW = new Date("2026-06-15T12:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
const rule = (label: string, condition: FilterNode, points: number): ScoringRule => ({ id: label, label, condition, points });
const config = (rules: ScoringRule[], activityPoints: ScoringConfig["activityPoints"] = {}, decayDays: number | null = null): ScoringConfig => ({ rules, activityPoints, decayDays });
const lead = (over: Record<string, unknown> = {}) => ({
  id: "00000000-0000-4000-8000-000000000001",
  firstName: "Ann",
  lastName: "Lee",
  email: "ann@acme.test",
  companyName: "Acme",
  source: "web_form",
  status: "new",
  rating: "hot",
  priority: "high",
  score: 0,
  tags: ["vip"],
  customFields: { budget: 5000, region: "EU" },
  createdAt: daysAgo(3),
  updatedAt: daysAgo(1),
  convertedAt: null,
  ownedByUserId: null,
  listIds: ["00000000-0000-4000-8000-0000000000aa"],
  ...over,
});
const CUSTOM = [
  { key: "budget", fieldType: "NUMBER" as const, options: [] },
  { key: "region", fieldType: "SELECT" as const, options: ["EU", "US"] },
];
const score = (c: ScoringConfig, l = lead(), acts: ScoredActivity[] = []) => scoreLead(c, l, acts, { now: NOW, customFields: CUSTOM });

describe("scoreLead", () => {
  it.each<[string, FilterNode, boolean]>([
    ["enum eq (rating is hot)", { field: "rating", op: "eq", value: "hot" }, true],
    ["enum neq", { field: "rating", op: "neq", value: "hot" }, false],
    ["status in", { field: "status", op: "in", value: ["new", "contacted"] }, true],
    ["string contains, case-insensitive", { field: "email", op: "contains", value: "ACME" }, true],
    ["string endsWith", { field: "email", op: "endsWith", value: "@gmail.com" }, false],
    ["string isEmpty", { field: "companyName", op: "isEmpty" }, false],
    ["tags hasAny", { field: "tags", op: "hasAny", value: ["vip", "x"] }, true],
    ["date withinLastDays", { field: "createdAt", op: "withinLastDays", value: 7 }, true],
    ["date before", { field: "createdAt", op: "lt", value: "2026-01-01" }, false],
    ["custom number gte", { field: "customFields.budget", op: "gte", value: 1000 }, true],
    ["custom select eq", { field: "customFields.region", op: "eq", value: "US" }, false],
    ["inList", { field: "id", op: "inList", value: "00000000-0000-4000-8000-0000000000aa" }, true],
    ["user isEmpty (no owner)", { field: "ownedByUserId", op: "isEmpty" }, true],
    ["any group", { any: [{ field: "rating", op: "eq", value: "cold" }, { field: "priority", op: "eq", value: "high" }] }, true],
    ["all group", { all: [{ field: "rating", op: "eq", value: "hot" }, { field: "source", op: "eq", value: "referral" }] }, false],
  ])("a rule on %s adds its points only when it matches", (_, condition, matches) => {
    const r = score(config([rule("R", condition, 20)]));
    expect(r.score).toBe(matches ? 20 : 0);
    expect(r.breakdown).toEqual(matches ? [{ label: "R", points: 20, source: { rule: "R" } }] : []);
  });

  it("sums the points of every matching rule, negative ones included", () => {
    const r = score(config([rule("Rating is hot", { field: "rating", op: "eq", value: "hot" }, 20), rule("Free mail", { field: "email", op: "endsWith", value: "acme.test" }, -5), rule("Cold", { field: "rating", op: "eq", value: "cold" }, 50)]));
    expect(r.breakdown.map((l) => [l.label, l.points])).toEqual([
      ["Rating is hot", 20],
      ["Free mail", -5],
    ]);
    expect(r.score).toBe(15);
  });

  it("counts activity points per type, each activity once", () => {
    const acts: ScoredActivity[] = [
      { activityType: "CALL", activityAt: daysAgo(1) },
      { activityType: "CALL", activityAt: daysAgo(2) },
      { activityType: "CALL", activityAt: daysAgo(3) },
      { activityType: "EMAIL", activityAt: daysAgo(1) },
      { activityType: "NOTE", activityAt: daysAgo(1) },
    ];
    const r = score(config([], { CALL: 5, EMAIL: 2 }), lead(), acts);
    expect(r.breakdown.map((l) => [l.label, l.points])).toEqual([
      ["3 calls", 15],
      ["1 email", 2],
    ]);
    expect(r.score).toBe(17);
  });

  it("counts activities older than decayDays half, rounding towards zero, on their own line", () => {
    const acts: ScoredActivity[] = [
      { activityType: "CALL", activityAt: daysAgo(1) },
      { activityType: "CALL", activityAt: daysAgo(40) },
      { activityType: "CALL", activityAt: daysAgo(45) },
      { activityType: "CALL", activityAt: daysAgo(50) },
      { activityType: "MEETING", activityAt: daysAgo(31) },
    ];
    const r = score(config([], { CALL: 5, MEETING: -3 }, 30), lead(), acts);
    expect(r.breakdown.map((l) => [l.label, l.points])).toEqual([
      ["1 call", 5],
      ["3 calls older than 30 days ×½", 7], // 15 / 2 → 7
      ["1 meeting older than 30 days ×½", -1], // -3 / 2 → -1
    ]);
    expect(r.total).toBe(11);
  });

  it("without decay every activity counts in full", () => {
    const r = score(config([], { CALL: 5 }), lead(), [{ activityType: "CALL", activityAt: daysAgo(400) }]);
    expect(r.breakdown).toEqual([{ label: "1 call", points: 5, source: { activityType: "CALL", decayed: false } }]);
  });

  it("clamps to 0..100 while the breakdown keeps the total before clamping", () => {
    const high = score(config([rule("A", { field: "rating", op: "eq", value: "hot" }, 80), rule("B", { field: "priority", op: "eq", value: "high" }, 60)]));
    expect([high.score, high.total]).toEqual([100, 140]);
    const low = score(config([rule("A", { field: "rating", op: "eq", value: "hot" }, -30)]));
    expect([low.score, low.total]).toEqual([0, -30]);
  });

  it("always has a breakdown that sums to the total and a score that is the clamped total (property)", () => {
    const ruleArb = fc.record({
      points: fc.integer({ min: -100, max: 100 }),
      condition: fc.constantFrom<FilterNode>(
        { field: "rating", op: "eq", value: "hot" },
        { field: "status", op: "eq", value: "contacted" },
        { field: "tags", op: "hasAny", value: ["vip"] },
        { field: "customFields.budget", op: "gt", value: 100 },
        { all: [] },
      ),
    });
    const actArb = fc.record({ activityType: fc.constantFrom("CALL", "EMAIL", "MEETING", "NOTE", "TASK" as const), ageDays: fc.integer({ min: 0, max: 200 }) });
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 6 }), fc.array(actArb, { maxLength: 20 }), fc.dictionary(fc.constantFrom("CALL", "EMAIL", "MEETING", "NOTE", "TASK"), fc.integer({ min: -100, max: 100 })), fc.option(fc.integer({ min: 1, max: 90 }), { nil: null }), (rules, acts, points, decay) => {
        const c = config(rules.map((r, i) => rule(`R${i}`, r.condition, r.points)), points, decay);
        const r = score(c, lead(), acts.map((a) => ({ activityType: a.activityType, activityAt: daysAgo(a.ageDays) })));
        expect(r.breakdown.reduce((s, l) => s + l.points, 0)).toBe(r.total);
        expect(r.score).toBe(Math.min(100, Math.max(0, r.total)));
        expect(Number.isInteger(r.score)).toBe(true);
      }),
    );
  });

  it("refuses a condition that does not fit the lead's fields", () => {
    expect(() => score(config([rule("bad", { field: "amount", op: "gt", value: 1 }, 5)]))).toThrow();
  });
});
