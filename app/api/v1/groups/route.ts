import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { createGroup, groupJson, listGroups } from "@/lib/tenancy/groups";
import { groupCreateSchema } from "@/lib/tenancy/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute("users.read", async ({ ctx }) => ({ data: (await listGroups(ctx)).map(groupJson), nextCursor: null }));

export const POST = apiRoute("groups.manage", async ({ ctx, body }) => {
  const group = await createGroup(ctx, await body(groupCreateSchema));
  return NextResponse.json(groupJson(group), { status: 201 });
});
