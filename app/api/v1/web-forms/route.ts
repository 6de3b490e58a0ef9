import { apiRoute } from "@/lib/api/handler";
import { createWebForm, listWebForms, serializeWebForm } from "@/lib/leads/web-forms";
import { webFormCreateSchema } from "@/lib/leads/web-form-schemas";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

export const GET = apiRoute("settings.manage", async ({ ctx }) => ({ data: (await listWebForms(ctx)).map(serializeWebForm), nextCursor: null }));

export const POST = apiRoute("settings.manage", async ({ ctx, body }) => NextResponse.json(serializeWebForm(await createWebForm(ctx, await body(webFormCreateSchema))), { status: 201 }));
