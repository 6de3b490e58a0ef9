import { apiRoute } from "@/lib/api/handler";
import { listAssignments } from "@/lib/assignment/service";
import { leadParam } from "@/lib/scoring/route";

export const dynamic = "force-dynamic";

/** GET /api/v1/leads/{id}/assignments → { data: [{ userId, ruleId, assignedAt, assignedBy }] }, oldest first. */
export const GET = apiRoute<{ collection: string; id: string }>("records.read", async ({ ctx, params }) => ({
  data: (await listAssignments(ctx, "LEAD", leadParam(params))).map(({ userId, ruleId, assignedAt, assignedBy }) => ({ userId, ruleId, assignedAt, assignedBy })),
}));
