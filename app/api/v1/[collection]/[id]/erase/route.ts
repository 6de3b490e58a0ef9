import { apiRoute } from "@/lib/api/handler";
import { contactParam } from "@/lib/privacy/route";
import { eraseContact } from "@/lib/privacy/contact-data";

export const dynamic = "force-dynamic";

/** POST /api/v1/contacts/{id}/erase (admins) → 204 (API.md, "Privacy"). */
export const POST = apiRoute<{ collection: string; id: string }>("records.erase", async ({ ctx, params }) => {
  await eraseContact(ctx, contactParam(params));
  return new Response(null, { status: 204 });
});
