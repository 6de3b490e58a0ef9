// The app's public origin, for links that leave the app (web form URLs, email tracking):
// AUTH_URL when set, else the host this request was made to. Server-only.
import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

export async function publicOrigin(): Promise<string> {
  if (env.AUTH_URL) return new URL(env.AUTH_URL).origin;
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host") ?? "localhost"}`;
}
