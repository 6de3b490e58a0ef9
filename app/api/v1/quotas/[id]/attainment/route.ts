import { apiRoute } from "@/lib/api/handler";
import { quotaAttainment } from "@/lib/quotas/service";

export const dynamic = "force-dynamic";

/** GET /api/v1/quotas/{id}/attainment — won, activities and committed in the quota's period. */
export const GET = apiRoute<{ id: string }>("users.read", async ({ ctx, params }) => quotaAttainment(ctx, params.id));
