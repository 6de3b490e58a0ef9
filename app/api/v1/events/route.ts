import { apiRoute } from "@/lib/api/handler";
import { eventsQuerySchema } from "@/lib/automations/schemas";
import { listPublishedEvents } from "@/lib/automations/publish";
import { parseQuery } from "@/lib/api/query";

export const dynamic = "force-dynamic";

/** GET /api/v1/events?after=<cursor>&limit= — events published by EVENT automations, oldest first; poll again with after=nextCursor. */
export const GET = apiRoute("automations.read", async ({ ctx, query }) => listPublishedEvents(ctx, parseQuery(eventsQuerySchema, query)));
