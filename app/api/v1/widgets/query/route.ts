import { apiRoute } from "@/lib/api/handler";
import { widgetQuerySchema } from "@/lib/dashboards/schemas";
import { queryWidget } from "@/lib/dashboards/service";

export const dynamic = "force-dynamic";

/** POST /api/v1/widgets/query — a widget query's figures, in the caller's access scope. */
export const POST = apiRoute("dashboards.read", async ({ ctx, body }) => queryWidget(ctx, await body(widgetQuerySchema)));
