import { apiRoute } from "@/lib/api/handler";
import { leadParam } from "@/lib/scoring/route";
import { leadScoreJson } from "@/lib/scoring/json";
import { leadScore } from "@/lib/scoring/service";

export const dynamic = "force-dynamic";

/** GET /api/v1/leads/{id}/score → { score, breakdown } (API.md, "Leads"). */
export const GET = apiRoute<{ collection: string; id: string }>("records.read", async ({ ctx, params }) => leadScoreJson(await leadScore(ctx, leadParam(params))));
