import { apiRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/query";
import { searchQuerySchema } from "@/lib/search/schemas";
import { searchAll } from "@/lib/search/search";

export const dynamic = "force-dynamic";

/** GET /api/v1/search?q=&limit=&types= → { data: SearchHit[] }, best match first. */
export const GET = apiRoute("records.read", async ({ ctx, query }) => {
  const { q, limit, types } = parseQuery(searchQuerySchema, query, ["q", "limit", "types"]);
  return { data: await searchAll(ctx, q, { limit, kinds: types }) };
});
