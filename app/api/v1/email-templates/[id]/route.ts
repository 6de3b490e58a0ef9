import { apiRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/records-route";
import { deleteTemplate } from "@/lib/email/templates";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute<{ id: string }>("emailTemplates.manage", async ({ ctx, params }) => {
  await deleteTemplate(ctx, uuidParam(params.id, { singular: "Template" }));
  return new Response(null, { status: 204 });
});
