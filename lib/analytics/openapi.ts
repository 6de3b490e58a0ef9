import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { idPath, json, pathItem } from "@/lib/api/openapi-common";
import { stageStateSchema } from "@/lib/pipelines/schemas";
import { boardAsOfQuerySchema } from "./board-as-of";
import { metricsQuerySchema } from "./period";

const money = (description: string) => z.string().nullable().meta({ description: `${description} (decimal string); null for lead and ticket pipelines` });

const freshness = z
  .object({
    computedAt: z.iso.datetime().meta({ description: "When these figures were computed" }),
    stale: z.boolean().meta({ description: "The data changed since: the worker is recomputing them (seconds); read again for the new figures" }),
  })
  .meta({ id: "AnalyticsFreshness", description: "Figures are served from the analytics cache, kept current by the worker" });

const metricsOut = z
  .object({
    pipelineId: z.uuid(),
    objectType: z.enum(["DEAL", "LEAD", "TICKET"]),
    from: z.string().meta({ description: "First day of the period (YYYY-MM-DD, workspace time zone)" }),
    to: z.string().meta({ description: "Last day of the period, inclusive" }),
    timeZone: z.string(),
    periodStart: z.iso.datetime().meta({ description: "The period as instants: [periodStart, periodEnd)" }),
    periodEnd: z.iso.datetime(),
    created: z.number().int().meta({ description: "Records created in the period whose first stage is in this pipeline" }),
    won: z.number().int().meta({ description: "Records in a DONE_SUCCESS stage at the end of the period that entered it in the period" }),
    lost: z.number().int().meta({ description: "Likewise for DONE_FAILED" }),
    active: z.number().int().meta({ description: "Records in an open stage at the end of the period" }),
    pipelineValue: money("Σ amount over `active`"),
    weightedValue: money("Σ amount × forecastProbability over `active`"),
    wonValue: money("Σ amount over `won`"),
    lostValue: money("Σ amount over `lost`"),
    averageDealSize: money("wonValue / won; null when won is 0"),
    averageCycleDays: z.number().nullable().meta({ description: "Mean days from creation to winning, over `won`" }),
    winRate: z.number().min(0).max(1).nullable().meta({ description: "won / (won + lost); null when both are 0" }),
    movedForward: z.number().int().meta({ description: "Moves in the period between stages of this pipeline to a higher display order" }),
    movedBackward: z.number().int(),
    freshness,
    stages: z.array(
      z.object({
        stageId: z.uuid(),
        name: z.string(),
        displayOrder: z.number().int(),
        stageState: stageStateSchema,
        entered: z.number().int().meta({ description: "Entries in the period (a creation enters the first stage)" }),
        exited: z.number().int(),
        averageDays: z.number().nullable().meta({ description: "Mean length of the stays that began in the period (an open one up to the period's end, or now)" }),
        conversionToNext: z.number().min(0).max(1).nullable().meta({ description: "Share of the period's entries whose record later (before the period's end) entered the next non-DONE_FAILED stage" }),
      }),
    ),
  })
  .meta({ id: "PipelineMetrics" });

const card = z.object({
  id: z.uuid(),
  name: z.string().optional().meta({ description: "Deals and leads" }),
  subject: z.string().optional().meta({ description: "Tickets" }),
  amount: z.string().nullable(),
  currency: z.string().nullable(),
  enteredAt: z.iso.datetime().meta({ description: "When it entered the stage it was in at `asOf`" }),
  movedSince: z.boolean().meta({ description: "It moved, or was deleted, after `asOf`" }),
  stageIdNow: z.uuid().nullable().meta({ description: "Its stage now; null when deleted" }),
});

const boardOut = z
  .object({
    asOf: z.iso.datetime(),
    pipelineId: z.uuid(),
    freshness: freshness.optional().meta({ description: "With `asOf` only (the board now is computed on each request)" }),
    stages: z.array(
      z.object({
        stageId: z.uuid(),
        count: z.number().int(),
        amount: z.string().nullable().meta({ description: "Deals: Σ amount (decimal string); null for leads and tickets" }),
        records: z.array(card).meta({ description: "The first `limit` records, latest entered first" }),
      }),
    ),
  })
  .meta({ id: "BoardAsOf" });

export function analyticsPaths(): ZodOpenApiPathsObject {
  const tag = "analytics";
  const boards = Object.fromEntries(
    (["deals", "leads", "tickets"] as const).map((c) => [
      `/${c}/board`,
      pathItem({
        get: {
          id: `get${c[0]!.toUpperCase()}${c.slice(1)}BoardAsOf`,
          tag,
          permission: "records.read",
          summary: `The ${c} board, now or as of an instant`,
          description: `Each of the pipeline's ${c} in the stage it was in at \`asOf\`, replayed from stage history; records created after it or deleted before it are left out; every stage is listed. An unknown pipeline is a 404.`,
          query: boardAsOfQuerySchema,
          responses: { "200": json(boardOut) },
        },
      }),
    ]),
  );
  return {
    "/pipelines/{id}/metrics": pathItem({
      get: {
        id: "getPipelineMetrics",
        tag,
        permission: "pipelines.read",
        summary: "Metrics of a pipeline for a period",
        description: "Computed from records and stage history for the days `from`..`to` (inclusive, in the workspace's time zone; default the last 90 days). Soft-deleted records count nowhere; figures cover the records the caller may see.",
        path: idPath,
        query: metricsQuerySchema,
        responses: { "200": json(metricsOut) },
      },
    }),
    ...boards,
  };
}
