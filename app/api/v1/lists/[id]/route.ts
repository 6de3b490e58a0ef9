import { NextResponse } from "next/server";
import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { deleteList, updateList } from "@/lib/lists/service";
import { getList } from "@/lib/lists/queries";
import { serializeList } from "@/lib/lists/model";

export const dynamic = "force-dynamic";

type P = { id: string };

export const GET = apiRoute<P>("lists.read", async ({ ctx, params }) => serializeList(await getList(ctx, params.id)));

/** PATCH — name, description, isArchived; filter (DYNAMIC) refreshes at once. */
export const PATCH = apiRoute<P>("lists.write", async ({ ctx, params, body }) => serializeList(await updateList(ctx, params.id, await body(z.unknown()))));

export const DELETE = apiRoute<P>("lists.write", async ({ ctx, params }) => {
  await deleteList(ctx, params.id);
  return new NextResponse(null, { status: 204 });
});
