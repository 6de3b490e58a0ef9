import { apiRoute } from "@/lib/api/handler";
import { mergeHistory } from "@/lib/merge/queries";
import { mergeParams } from "@/lib/merge/route";

export const dynamic = "force-dynamic";

/** GET /api/v1/{contacts|companies|leads}/{id}/merge-history (API.md "Duplicates and merge"). */
export const GET = apiRoute<{ collection: string; id: string }>("records.read", async ({ ctx, params }) => {
  const { kind, id } = mergeParams(params);
  return { data: (await mergeHistory(ctx, kind, id)).map((h) => ({ ...h, mergedAt: h.mergedAt.toISOString() })) };
});
