import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { templateInputSchema } from "@/lib/email/schemas";
import { createTemplate, listTemplates } from "@/lib/email/templates";

export const dynamic = "force-dynamic";

export const GET = apiRoute("email.send", async ({ ctx }) => ({ data: await listTemplates(ctx), nextCursor: null }));

export const POST = apiRoute("emailTemplates.manage", async ({ ctx, body }) => NextResponse.json(await createTemplate(ctx, await body(templateInputSchema)), { status: 201 }));
