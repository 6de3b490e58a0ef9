// The upload's body: a CSV stream, refused up front when it is not text/csv or declares
// more than the limit. The route is left out of the proxy (proxy.ts), which would buffer
// the whole body; its answers get the API's security headers here instead.
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { isHttpsUrl, securityHeaders } from "@/lib/security/headers";
import { MAX_IMPORT_BYTES } from "./parse";

const CSV_TYPES = /^(text\/csv|application\/csv|text\/plain|application\/vnd\.ms-excel)$/i;

export function csvBody(req: NextRequest): AsyncIterable<Uint8Array> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim();
  if (!CSV_TYPES.test(type)) throw new AppError("unsupported-media-type", "Send the file as text/csv (UTF-8)");
  const charset = /charset=([^;]+)/i.exec(req.headers.get("content-type") ?? "")?.[1]?.trim().toLowerCase();
  if (charset && charset !== "utf-8" && charset !== "utf8") throw new AppError("unsupported-media-type", `The file must be UTF-8, not ${charset}`);
  if (Number(req.headers.get("content-length") ?? 0) > MAX_IMPORT_BYTES) throw new AppError("too-large", "The file is larger than 100 MB; split it into smaller files");
  if (!req.body) return (async function* () {})();
  return req.body as unknown as AsyncIterable<Uint8Array>;
}

/** The API's security headers on an answer of a route the proxy does not see. */
export function withApiHeaders(res: Response): Response {
  for (const [name, value] of securityHeaders("/api/v1/imports", { dev: env.NODE_ENV === "development", https: isHttpsUrl(env.AUTH_URL) })) res.headers.set(name, value);
  return res;
}

export const created = (body: unknown) => NextResponse.json(body, { status: 201 });
export const accepted = (body: unknown) => NextResponse.json(body, { status: 202 });
