import { apiRoute } from "@/lib/api/handler";
import { deleteGroup, getGroup, groupJson, updateGroup } from "@/lib/tenancy/groups";
import { groupUpdateSchema } from "@/lib/tenancy/schemas";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = apiRoute<Params>("users.read", async ({ ctx, params }) => groupJson(await getGroup(ctx, params.id)));

export const PATCH = apiRoute<Params>("groups.manage", async ({ ctx, params, body }) => groupJson(await updateGroup(ctx, params.id, await body(groupUpdateSchema))));

export const DELETE = apiRoute<Params>("groups.manage", async ({ ctx, params }) => {
  await deleteGroup(ctx, params.id);
  return new Response(null, { status: 204 });
});
