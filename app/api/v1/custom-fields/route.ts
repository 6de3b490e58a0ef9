import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { customFieldCreateSchema, objectTypeSchema } from "@/lib/custom-fields/schemas";
import { createCustomField, customFieldJson, listCustomFields } from "@/lib/custom-fields/service";

export const dynamic = "force-dynamic";

/** GET /api/v1/custom-fields[?objectType=CONTACT] → { data: CustomField[] } in display order. */
export const GET = apiRoute("records.read", async ({ ctx, query }) => {
  const raw = query.get("objectType");
  const objectType = raw === null ? undefined : objectTypeSchema.safeParse(raw.toUpperCase());
  if (objectType && !objectType.success) {
    throw new AppError("bad-request", "objectType must be one of CONTACT, COMPANY, LEAD, DEAL, TICKET", { errors: [{ path: "objectType", message: "must be one of CONTACT, COMPANY, LEAD, DEAL, TICKET" }] });
  }
  return { data: (await listCustomFields(ctx, objectType?.data)).map(customFieldJson), nextCursor: null };
});

/** The key is derived from the label unless given; a key the object type already has is a 409. */
export const POST = apiRoute("fields.manage", async ({ ctx, body }) => {
  const field = await createCustomField(ctx, await body(customFieldCreateSchema));
  return NextResponse.json(customFieldJson(field), { status: 201 });
});
