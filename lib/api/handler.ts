// Every REST route handler is built with apiRoute: it authenticates (API key, or the
// browser session from this app's own pages), checks the permission, refuses NUL in any
// input, parses JSON within limits, and maps errors to problem+json. Route files only
// parse input, call a service, and shape the reply.
import "server-only";
import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { assertCan, type Permission } from "@/lib/auth/permissions";
import { clientAddress } from "@/lib/auth/client-address";
import { getSession } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { requestIdOf } from "@/lib/log";
import type { TenantContext } from "@/lib/tenancy/context";
import { readBodyText } from "./body";
import { authenticateApiKeyCached } from "./keys";
import { forgetKey } from "./key-cache";
import { StaleApiKeyError } from "@/lib/tenancy/with-tenant";
import { rejectNul } from "./no-nul";
import { crossSiteRefusal } from "./origin";
import { answerCheck } from "./answer-check";
import { toProblem } from "./problem";

export interface ApiContext<P> {
  req: NextRequest;
  ctx: TenantContext;
  params: P;
  /** The JSON body parsed with the schema (422 with paths on failure). */
  body<S extends z.ZodType>(schema: S): Promise<z.output<S>>;
  query: URLSearchParams;
}

async function authenticate(req: NextRequest): Promise<TenantContext> {
  const header = req.headers.get("authorization");
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const ctx = m ? await authenticateApiKeyCached(m[1]!) : null;
    if (!ctx) throw new AppError("unauthorized", "Missing, unknown or revoked API key");
    return { ...ctx, ip: clientAddress(req.headers) };
  }
  const hasSessionCookie = req.cookies.getAll().some((c) => c.name.includes("authjs.session-token"));
  const session = hasSessionCookie ? await getSession() : null;
  if (!session) throw new AppError("unauthorized", "Send an API key as `Authorization: Bearer <key>`");
  const refusal = crossSiteRefusal(req);
  if (refusal) throw new AppError("forbidden", `Refused: ${refusal}. Write from the app's own pages, or send an API key.`);
  return { ...session.ctx, ip: clientAddress(req.headers) };
}

async function readJson(req: NextRequest): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) throw new AppError("unsupported-media-type", "Send the body as application/json");
  const text = await readBodyText(req);
  let json: unknown;
  try {
    json = text.length ? JSON.parse(text) : {};
  } catch {
    throw new AppError("bad-request", "The body is not valid JSON");
  }
  rejectNul(json);
  return json;
}

export function apiRoute<P = Record<string, string>>(
  permission: Permission | null,
  handler: (api: ApiContext<P>) => Promise<Response | unknown>,
) {
  return async (req: NextRequest, route: { params: Promise<P> }): Promise<Response> => {
    const requestId = requestIdOf(req.headers);
    const sent: { body?: unknown } = {};
    const res = await handle(req, route, requestId, sent);
    try {
      res.headers.set("x-request-id", requestId);
    } catch {
      // a handler's Response.redirect() has immutable headers: it goes out without the id
    }
    const check = answerCheck();
    // the check reads a copy of the answer; an event stream is never read to its end, so it gets the status and headers
    if (check) await check({ request: req, ...sent, answer: res.headers.get("content-type")?.startsWith("text/event-stream") ? new Response(null, res) : res.clone(), permission });
    return res;
  };

  async function handle(req: NextRequest, route: { params: Promise<P> }, requestId: string, sent: { body?: unknown }, retried = false): Promise<Response> {
    try {
      const ctx = await authenticate(req);
      if (permission) assertCan(ctx.actor.role, permission);
      const params = (await route.params) ?? ({} as P);
      rejectNul(params);
      rejectNul(req.nextUrl.searchParams);
      const api: ApiContext<P> = {
        req,
        ctx,
        params,
        query: req.nextUrl.searchParams,
        async body(schema) {
          // read once: a retried request (below) parses the same body again
          if (!("body" in sent)) sent.body = await readJson(req);
          return schema.parse(sent.body);
        },
      };
      const out = await handler(api);
      if (out instanceof Response) return out;
      return NextResponse.json(out);
    } catch (err) {
      // the key's cached answer no longer holds: its first transaction failed before doing
      // anything, so the request is authenticated afresh (a 401 if the key is revoked)
      if (err instanceof StaleApiKeyError && !retried) {
        forgetKey(err.apiKeyId);
        return handle(req, route, requestId, sent, true);
      }
      return toProblem(err, requestId);
    }
  }
}
