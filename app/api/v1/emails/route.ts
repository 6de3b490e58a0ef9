import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { sendEmailSchema } from "@/lib/email/schemas";
import { queueEmail } from "@/lib/email/send";
import { originFrom } from "@/lib/public-origin";

export const dynamic = "force-dynamic";

/** POST /emails → 202: the email is queued with its activity; the worker sends it (API.md "Email"). */
export const POST = apiRoute("email.send", async ({ ctx, body, req }) =>
  NextResponse.json(await queueEmail(ctx, await body(sendEmailSchema), { publicOrigin: originFrom(req.headers) }), { status: 202 }),
);
