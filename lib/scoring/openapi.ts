import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { idPath, json, pathItem } from "@/lib/api/openapi-common";
import { activityPointsSchema, scoringInputSchema } from "./schemas";

const run = z
  .object({
    id: z.uuid(),
    status: z.enum(["RUNNING", "SUCCEEDED", "FAILED"]),
    total: z.number().int().meta({ description: "Live leads when the run started" }),
    processed: z.number().int(),
    changed: z.number().int().meta({ description: "Leads whose score changed" }),
    error: z.string().nullable(),
    startedAt: z.string().datetime(),
    finishedAt: z.string().datetime().nullable(),
  })
  .meta({ id: "LeadRescoreRun", description: "The latest \"rescore all\" (a PUT starts one)" });

const scoringOut = z
  .object({
    rules: z.array(z.object({ id: z.uuid(), label: z.string(), condition: z.unknown().meta({ description: "Filter JSON on leads" }), points: z.number().int() })),
    activityPoints: activityPointsSchema,
    decayDays: z.number().int().nullable(),
    rescore: run.nullable(),
  })
  .meta({ id: "LeadScoring" });

const scoreOut = z
  .object({
    score: z.number().int().min(0).max(100).meta({ description: "The score the rules give now, clamped to 0..100" }),
    total: z.number().int().meta({ description: "The sum of the breakdown, before clamping" }),
    stored: z.number().int().meta({ description: "The lead's `score` as stored (follows changes within seconds)" }),
    breakdown: z.array(z.object({ label: z.string().meta({ example: "Rating is hot" }), points: z.number().int().meta({ example: 20 }) })),
  })
  .meta({ id: "LeadScore" });

export function scoringPaths(): ZodOpenApiPathsObject {
  const tag = "leads";
  return {
    "/lead-scoring": pathItem({
      get: {
        id: "getLeadScoring",
        tag,
        permission: "records.read",
        summary: "The lead scoring rules",
        description: "Rules (a filter on leads and points), points per activity type, the decay, and the progress of the latest \"rescore all\".",
        responses: { "200": json(scoringOut) },
      },
      put: {
        id: "putLeadScoring",
        tag,
        permission: "settings.manage",
        summary: "Replace the lead scoring rules",
        description:
          "A lead's score = the points of every rule it matches + the points of its activities (those older than `decayDays` count half, rounded towards zero per type), clamped to 0..100. Answers at once; every lead is rescored in the background (`rescore` shows the progress). A rule may not read `score`.",
        body: scoringInputSchema,
        responses: { "200": json(scoringOut) },
      },
    }),
    "/leads/{id}/score": pathItem({
      get: {
        id: "getLeadScore",
        tag,
        permission: "records.read",
        summary: "A lead's score with its breakdown",
        description: "Each matching rule and activity line with its points; the lines sum to `total`, the score before clamping.",
        path: idPath,
        responses: { "200": json(scoreOut) },
      },
    }),
  };
}
