import type { NextRequest } from "next/server";
import { handlePublicFormPost, publicFormPreflight } from "@/lib/leads/public-form-route";

export const dynamic = "force-dynamic";

/** CORS preflight: any site may post to a web form. */
export const OPTIONS = publicFormPreflight;

/** POST /api/public/forms/{key} (no auth; urlencoded or JSON) → 201, or 303 to the form's redirectUrl (API.md "Leads"). */
export async function POST(req: NextRequest, route: { params: Promise<{ key: string }> }) {
  return handlePublicFormPost(req, (await route.params).key);
}
