import { apiRoute } from "@/lib/api/handler";
import { scoringInputSchema } from "@/lib/scoring/schemas";
import { getLeadScoring, putLeadScoring } from "@/lib/scoring/service";

export const dynamic = "force-dynamic";

/** GET /api/v1/lead-scoring — the rules, activity points, decay, and the latest "rescore all". */
export const GET = apiRoute("records.read", async ({ ctx }) => getLeadScoring(ctx));

/** PUT replaces the configuration and answers at once; every lead is rescored in the background. */
export const PUT = apiRoute("settings.manage", async ({ ctx, body }) => putLeadScoring(ctx, await body(scoringInputSchema)));
