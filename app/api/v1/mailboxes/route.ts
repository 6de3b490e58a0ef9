import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { createMailbox, listMailboxes } from "@/lib/email/mailboxes";
import { mailboxCreateSchema } from "@/lib/email/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute("email.send", async ({ ctx }) => ({ data: await listMailboxes(ctx), nextCursor: null }));

export const POST = apiRoute("email.send", async ({ ctx, body }) => NextResponse.json(await createMailbox(ctx, await body(mailboxCreateSchema)), { status: 201 }));
