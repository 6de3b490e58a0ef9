import { apiRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/query";
import { listDuplicates } from "@/lib/duplicates/queries";
import { duplicatesQuerySchema } from "@/lib/duplicates/schemas";

export const dynamic = "force-dynamic";

/** GET /api/v1/duplicates?objectType=CONTACT|COMPANY|LEAD (API.md "Duplicates and merge"). */
export const GET = apiRoute("records.read", async ({ ctx, query }) => {
  const { objectType, limit, cursor } = parseQuery(duplicatesQuerySchema, query);
  return listDuplicates(ctx, objectType, { limit, cursor });
});
