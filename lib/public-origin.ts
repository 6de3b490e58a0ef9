// The app's public origin, for links that leave the app (web form URLs, email tracking):
// AUTH_URL when set, else the host the request was made to. Server-only.
import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

export function originFrom(h: Headers): string {
  if (env.AUTH_URL) return new URL(env.AUTH_URL).origin;
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host") ?? "localhost"}`;
}

/** The origin for this page or server action's request. */
export async function publicOrigin(): Promise<string> {
  return originFrom(await headers());
}
