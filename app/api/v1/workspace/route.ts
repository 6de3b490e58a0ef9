import { apiRoute } from "@/lib/api/handler";
import { workspacePatchSchema } from "@/lib/workspace/schemas";
import { getWorkspace, updateWorkspace } from "@/lib/workspace/service";

export const dynamic = "force-dynamic";

/** GET /api/v1/workspace — name, time zone (periods of analytics follow it), default currency. */
export const GET = apiRoute("users.read", async ({ ctx }) => getWorkspace(ctx));

export const PATCH = apiRoute("settings.manage", async ({ ctx, body }) => updateWorkspace(ctx, await body(workspacePatchSchema)));
