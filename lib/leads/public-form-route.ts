// The public web-form endpoint's HTTP side: CORS open to every origin (the form lives on
// the customer's site), urlencoded or JSON bodies, 201 JSON or a 303 to the form's
// redirectUrl for a browser's plain form post, problem+json errors.
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { readBodyText } from "@/lib/api/body";
import { rejectNul } from "@/lib/api/no-nul";
import { toProblem } from "@/lib/api/problem";
import { clientAddress } from "@/lib/auth/client-address";
import { AppError } from "@/lib/errors";
import { requestIdOf } from "@/lib/log";
import { submitWebForm } from "./web-form-submit";

const CORS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "POST, OPTIONS",
  "access-control-allow-headers": "Content-Type",
  "access-control-max-age": "86400",
};

function withCors(res: Response): Response {
  for (const [k, v] of Object.entries(CORS)) res.headers.set(k, v);
  return res;
}

export function publicFormPreflight(): Response {
  return withCors(new NextResponse(null, { status: 204 }));
}

/** A form post is small: 64 KiB is plenty for any field a form asks. */
const MAX_FORM_BODY = 64 * 1024;

async function readForm(req: NextRequest): Promise<{ body: Record<string, unknown>; urlencoded: boolean }> {
  const type = req.headers.get("content-type") ?? "";
  const text = await readBodyText(req, MAX_FORM_BODY);
  if (/^application\/x-www-form-urlencoded\b/i.test(type)) return { body: Object.fromEntries(new URLSearchParams(text)), urlencoded: true };
  if (/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    let json: unknown;
    try {
      json = text.length ? JSON.parse(text) : {};
    } catch {
      throw new AppError("bad-request", "The body is not valid JSON");
    }
    if (!json || typeof json !== "object" || Array.isArray(json)) throw new AppError("bad-request", "Send the fields as a JSON object");
    return { body: json as Record<string, unknown>, urlencoded: false };
  }
  throw new AppError("unsupported-media-type", "Send the form as application/x-www-form-urlencoded or application/json");
}

export async function handlePublicFormPost(req: NextRequest, key: string): Promise<Response> {
  const requestId = requestIdOf(req.headers);
  try {
    const { body, urlencoded } = await readForm(req);
    rejectNul(body);
    const { form } = await submitWebForm(key, body, clientAddress(req.headers));
    if (urlencoded && form.redirectUrl) return withCors(new NextResponse(null, { status: 303, headers: { location: form.redirectUrl } }));
    return withCors(NextResponse.json({ ok: true }, { status: 201 }));
  } catch (err) {
    return withCors(toProblem(err, requestId));
  }
}
