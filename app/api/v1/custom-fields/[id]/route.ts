import { apiRoute } from "@/lib/api/handler";
import { customFieldUpdateSchema } from "@/lib/custom-fields/schemas";
import { customFieldJson, deleteCustomField, getCustomField, updateCustomField } from "@/lib/custom-fields/service";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = apiRoute<Params>("records.read", async ({ ctx, params }) => customFieldJson(await getCustomField(ctx, params.id)));

/** Label, options, isRequired and displayOrder; key, objectType and fieldType are fixed. */
export const PATCH = apiRoute<Params>("fields.manage", async ({ ctx, params, body }) =>
  customFieldJson(await updateCustomField(ctx, params.id, await body(customFieldUpdateSchema))),
);

/** Deletes the definition; values already stored in records stay in their jsonb, ignored. */
export const DELETE = apiRoute<Params>("fields.manage", async ({ ctx, params }) => {
  await deleteCustomField(ctx, params.id);
  return new Response(null, { status: 204 });
});
