import { apiRoute } from "@/lib/api/handler";
import { tagUpdateSchema } from "@/lib/tags/schemas";
import { deleteTag, getTag, tagJson, updateTag } from "@/lib/tags/service";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = apiRoute<Params>("records.read", async ({ ctx, params }) => tagJson(await getTag(ctx, params.id)));

/** Renaming rewrites the name in every record's tags array, in the same transaction. */
export const PATCH = apiRoute<Params>("fields.manage", async ({ ctx, params, body }) => tagJson(await updateTag(ctx, params.id, await body(tagUpdateSchema))));

/** Deleting removes the name from every record's tags array too. */
export const DELETE = apiRoute<Params>("fields.manage", async ({ ctx, params }) => {
  await deleteTag(ctx, params.id);
  return new Response(null, { status: 204 });
});
