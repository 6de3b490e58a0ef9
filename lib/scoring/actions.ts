"use server";
// Server actions of Settings → Lead scoring and the lead page's score: the permission
// from the map, the input through the domain's schema, one service call.
import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { tenantAction } from "@/lib/safe-action";
import { leadScoreJson } from "./json";
import { scoringInputSchema } from "./schemas";
import { getRescoreRun, leadScore, putLeadScoring, startRescoreAll } from "./service";

const PATH = "/settings/lead-scoring";

export const saveLeadScoringAction = tenantAction
  .metadata({ permission: "settings.manage" })
  .inputSchema(scoringInputSchema)
  .action(async ({ parsedInput, ctx }) => {
    const saved = await putLeadScoring(ctx.tenant, parsedInput);
    revalidatePath(PATH);
    return saved;
  });

export const rescoreAllAction = tenantAction
  .metadata({ permission: "settings.manage" })
  .inputSchema(z.object({}))
  .action(async ({ ctx }) => startRescoreAll(ctx.tenant));

/** The latest run's progress, for the progress bar. */
export const rescoreStatusAction = tenantAction
  .metadata({ permission: "settings.manage" })
  .inputSchema(z.object({}))
  .action(async ({ ctx }) => getRescoreRun(ctx.tenant));

export const leadScoreAction = tenantAction
  .metadata({ permission: "records.read" })
  .inputSchema(z.object({ leadId: z.uuid() }))
  .action(async ({ parsedInput, ctx }) => leadScoreJson(await leadScore(ctx.tenant, parsedInput.leadId)));
