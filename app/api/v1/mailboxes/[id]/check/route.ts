import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/records-route";
import { checkMailbox } from "@/lib/email/mailboxes";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>("email.send", async ({ ctx, params, body }) =>
  checkMailbox(ctx, uuidParam(params.id, { singular: "Mailbox" }), await body(z.object({ sendTest: z.boolean().optional() }))),
);
