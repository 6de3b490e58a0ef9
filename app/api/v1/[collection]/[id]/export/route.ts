import { apiRoute } from "@/lib/api/handler";
import { contactParam } from "@/lib/privacy/route";
import { exportContactData } from "@/lib/privacy/contact-data";

export const dynamic = "force-dynamic";

/** GET /api/v1/contacts/{id}/export — the contact's personal data (API.md, "Privacy"). */
export const GET = apiRoute<{ collection: string; id: string }>("records.read", async ({ ctx, params }) => exportContactData(ctx, contactParam(params)));
