import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { tagCreateSchema } from "@/lib/tags/schemas";
import { createTag, listTags, tagJson } from "@/lib/tags/service";

export const dynamic = "force-dynamic";

/** GET /api/v1/tags[?counts=true] → { data: Tag[] } by name; counts adds usageCount. */
export const GET = apiRoute("records.read", async ({ ctx, query }) => ({
  data: (await listTags(ctx, { withCounts: query.get("counts") === "true" })).map(tagJson),
  nextCursor: null,
}));

export const POST = apiRoute("fields.manage", async ({ ctx, body }) => {
  const tag = await createTag(ctx, await body(tagCreateSchema));
  return NextResponse.json(tagJson(tag), { status: 201 });
});
