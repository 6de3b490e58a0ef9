// Zod input schemas of lead scoring, shared by the server actions, the REST route and the
// settings form (no server imports here). Conditions are checked against the lead fields
// by the service (validateFilter needs the tenant's custom fields).
import { z } from "zod";
import { ACTIVITY_TYPES } from "@/db/schema/enums";
import { filterSchema } from "@/lib/filters/schema";

export const SCORE_POINTS = { min: -100, max: 100 } as const;
export const MAX_SCORING_RULES = 50;

const points = z
  .number({ error: "must be a whole number" })
  .int("must be a whole number")
  .min(SCORE_POINTS.min, `must be at least ${SCORE_POINTS.min}`)
  .max(SCORE_POINTS.max, `must be at most ${SCORE_POINTS.max}`);

export const scoringRuleSchema = z
  .object({
    id: z.uuid().optional().meta({ description: "Kept when given (an existing rule); a new rule gets one" }),
    label: z.string().trim().min(1, "is required").max(120, "must be at most 120 characters"),
    condition: filterSchema,
    points,
  })
  .strict()
  .meta({ id: "LeadScoringRule" });

export const activityPointsSchema = z
  .object(Object.fromEntries(ACTIVITY_TYPES.map((t) => [t, points.optional()])) as Record<(typeof ACTIVITY_TYPES)[number], z.ZodOptional<typeof points>>)
  .strict()
  .meta({ id: "LeadScoringActivityPoints", description: "Points per activity of each type on the lead (missing: 0)" });

export const scoringInputSchema = z
  .object({
    rules: z.array(scoringRuleSchema).max(MAX_SCORING_RULES, `at most ${MAX_SCORING_RULES} rules`),
    activityPoints: activityPointsSchema,
    decayDays: z.number().int("must be a whole number of days").min(1, "must be at least 1").max(3650, "must be at most 3650").nullish(),
  })
  .strict()
  .meta({ id: "LeadScoringInput" });
export type ScoringInput = z.input<typeof scoringInputSchema>;
