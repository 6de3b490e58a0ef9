import { NextResponse } from "next/server";
import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/query";
import { listsQuerySchema } from "@/lib/lists/schemas";
import { createList } from "@/lib/lists/service";
import { listLists } from "@/lib/lists/queries";
import { serializeList } from "@/lib/lists/model";

export const dynamic = "force-dynamic";

/** GET /api/v1/lists?objectType=&archived=true|false|all */
export const GET = apiRoute("lists.read", async ({ ctx, query }) => {
  const q = parseQuery(listsQuerySchema, query);
  return { data: (await listLists(ctx, q)).map(serializeList), nextCursor: null };
});

/** POST /api/v1/lists — 201; a DYNAMIC list is filled at once. */
export const POST = apiRoute("lists.write", async ({ ctx, body }) => {
  const list = await createList(ctx, await body(z.unknown()));
  return NextResponse.json(serializeList(list), { status: 201 });
});
