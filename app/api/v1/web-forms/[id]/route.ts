import { apiRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/records-route";
import { deleteWebForm, serializeWebForm, updateWebForm } from "@/lib/leads/web-forms";
import { webFormUpdateSchema } from "@/lib/leads/web-form-schemas";

export const dynamic = "force-dynamic";

const WEB_FORM = { singular: "Web form" };

export const PATCH = apiRoute<{ id: string }>("settings.manage", async ({ ctx, params, body }) =>
  serializeWebForm(await updateWebForm(ctx, uuidParam(params.id, WEB_FORM), await body(webFormUpdateSchema))),
);

export const DELETE = apiRoute<{ id: string }>("settings.manage", async ({ ctx, params }) => {
  await deleteWebForm(ctx, uuidParam(params.id, WEB_FORM));
  return new Response(null, { status: 204 });
});
