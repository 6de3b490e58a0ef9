// Lead scoring as a pure function (API.md, "Leads: … scoring"): the points of every rule
// whose condition the lead matches, plus the activity points of its activities (those
// older than decayDays count half), clamped to 0..100. The breakdown lists each part and
// sums to the score before clamping. sql.ts computes the same set-based in Postgres
// (service.test.ts checks they agree on fixtures).
//
// Integer arithmetic, so SQL and JS agree to the point: per activity type, the recent
// ones give points × count and the old ones trunc(points × count / 2) (towards zero).
import { ACTIVITY_TYPES } from "@/db/schema/enums";
import type { FilterCustomField } from "@/lib/filters/fields";
import { filterPredicate, type FilterRecord } from "@/lib/filters/evaluate";
import type { FilterNode } from "@/lib/filters/schema";

export type ScoredActivityType = (typeof ACTIVITY_TYPES)[number];

export interface ScoringRule {
  id: string;
  label: string;
  condition: FilterNode;
  points: number;
}

export interface ScoringConfig {
  rules: ScoringRule[];
  activityPoints: Partial<Record<ScoredActivityType, number>>;
  /** Activities older than this many days count half; null: no decay. */
  decayDays: number | null;
}

export interface ScoredActivity {
  activityType: ScoredActivityType;
  activityAt: Date;
}

export interface BreakdownLine {
  label: string;
  points: number;
  /** What the line comes from: a rule's id, or the activity type (and whether decayed). */
  source: { rule: string } | { activityType: ScoredActivityType; decayed: boolean };
}

export interface ScoreResult {
  /** Clamped to 0..100. */
  score: number;
  /** The sum of the breakdown, before clamping. */
  total: number;
  breakdown: BreakdownLine[];
}

export const SCORE_MIN = 0;
export const SCORE_MAX = 100;
export const clampScore = (n: number) => Math.min(SCORE_MAX, Math.max(SCORE_MIN, n));

export const EMPTY_SCORING: ScoringConfig = { rules: [], activityPoints: {}, decayDays: null };

/** Whether scoring is configured at all: without rules or activity points a lead's score is its own (editable) value. */
export const scoringActive = (c: ScoringConfig) => c.rules.length > 0 || Object.values(c.activityPoints).some((p) => !!p);

const NOUNS: Record<ScoredActivityType, [string, string]> = {
  CALL: ["call", "calls"],
  EMAIL: ["email", "emails"],
  MEETING: ["meeting", "meetings"],
  NOTE: ["note", "notes"],
  TASK: ["task", "tasks"],
};
export const activityCountLabel = (type: ScoredActivityType, n: number) => `${n} ${NOUNS[type][n === 1 ? 0 : 1]}`;

/** Points of `count` activities of a type worth `points` each, halved (towards zero) when decayed. */
export const activityLinePoints = (points: number, count: number, decayed: boolean) => (decayed ? Math.trunc((points * count) / 2) : points * count);

/** The cut-off before which an activity counts half, or null without decay. */
export const decayCutoff = (decayDays: number | null, now: Date): Date | null => (decayDays ? new Date(now.getTime() - decayDays * 86_400_000) : null);

export interface ScoreContext {
  now?: Date;
  customFields?: readonly FilterCustomField[];
}

/** Rule predicates compiled once for many leads (validation included: throws AppError "validation"). */
export function scorer(config: ScoringConfig, ctx: ScoreContext = {}): (lead: FilterRecord, activities: readonly ScoredActivity[]) => ScoreResult {
  const now = ctx.now ?? new Date();
  // "me" in a scoring rule matches nobody: scoring acts as the system, for every lead alike
  const rules = config.rules.map((r) => ({ rule: r, test: filterPredicate("LEAD", r.condition, { userId: null, now, customFields: ctx.customFields }) }));
  const cutoff = decayCutoff(config.decayDays, now);
  return (lead, activities) => {
    const breakdown: BreakdownLine[] = [];
    for (const { rule, test } of rules) {
      if (rule.points !== 0 && test(lead)) breakdown.push({ label: rule.label, points: rule.points, source: { rule: rule.id } });
    }
    for (const type of ACTIVITY_TYPES) {
      const points = config.activityPoints[type] ?? 0;
      if (!points) continue;
      let recent = 0;
      let old = 0;
      for (const a of activities) {
        if (a.activityType !== type) continue;
        if (cutoff && a.activityAt < cutoff) old++;
        else recent++;
      }
      if (recent) breakdown.push({ label: activityCountLabel(type, recent), points: activityLinePoints(points, recent, false), source: { activityType: type, decayed: false } });
      if (old) {
        breakdown.push({
          label: `${activityCountLabel(type, old)} older than ${config.decayDays} days ×½`,
          points: activityLinePoints(points, old, true),
          source: { activityType: type, decayed: true },
        });
      }
    }
    const total = breakdown.reduce((sum, l) => sum + l.points, 0);
    return { score: clampScore(total), total, breakdown };
  };
}

/** One lead's score with its breakdown. */
export function scoreLead(config: ScoringConfig, lead: FilterRecord, activities: readonly ScoredActivity[], ctx: ScoreContext = {}): ScoreResult {
  return scorer(config, ctx)(lead, activities);
}
