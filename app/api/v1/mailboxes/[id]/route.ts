import { apiRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/records-route";
import { deleteMailbox } from "@/lib/email/mailboxes";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute<{ id: string }>("email.send", async ({ ctx, params }) => {
  await deleteMailbox(ctx, uuidParam(params.id, { singular: "Mailbox" }));
  return new Response(null, { status: 204 });
});
