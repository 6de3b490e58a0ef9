// The app's public origin, for links that leave the app (web form URLs, email tracking):
// AUTH_URL when set, else the host the request was made to. Server-only.
import "server-only";
import { env } from "@/lib/env";

export function originFrom(h: Headers): string {
  if (env.AUTH_URL) return new URL(env.AUTH_URL).origin;
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host") ?? "localhost"}`;
}

/** The origin for this page or server action's request (outside one — a test — the same rules over no headers). */
export async function publicOrigin(): Promise<string> {
  try {
    const { headers } = await import("next/headers");
    return originFrom(await headers());
  } catch {
    return originFrom(new Headers());
  }
}
