import type { NextRequest } from "next/server";
import { toProblem } from "@/lib/api/problem";
import { handlers, SIGN_IN_THROTTLED } from "@/lib/auth/auth";
import { clientAddress } from "@/lib/auth/client-address";
import { passwordKeys, retryAfterMs, tooManyAttempts } from "@/lib/auth/throttle";

export const { GET } = handlers;

/**
 * Auth.js answers every refused sign-in with a redirect to the login page; one refused by
 * the throttle answers 429 with Retry-After instead, as HTTP clients expect. (The sign-in
 * form uses a server action, which shows the wait in the form.)
 */
export async function POST(req: NextRequest): Promise<Response> {
  const credentials = req.nextUrl.pathname.endsWith("/callback/credentials");
  const form = credentials ? await req.clone().formData().catch(() => null) : null;
  const res = await handlers.POST(req);
  const location = res.headers.get("location");
  if (!form || !location || new URL(location, req.url).searchParams.get("code") !== SIGN_IN_THROTTLED) return res;
  const keys = passwordKeys(String(form.get("email") ?? ""), clientAddress(req.headers));
  return toProblem(tooManyAttempts(await retryAfterMs(keys)));
}
