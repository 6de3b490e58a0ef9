import type { NextRequest } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/query";
import { created, csvBody, withApiHeaders } from "@/lib/imports/api";
import { importListQuerySchema, importUploadQuerySchema } from "@/lib/imports/schemas";
import { listImports, uploadImport } from "@/lib/imports/service";

export const dynamic = "force-dynamic";

const list = apiRoute("records.read", async ({ ctx, query }) => listImports(ctx, parseQuery(importListQuerySchema, query)));

/** POST /imports?objectType=… with a CSV body (streamed) → 201, status MAPPING. */
const upload = apiRoute("records.write", async ({ ctx, query, req }) => {
  const q = parseQuery(importUploadQuerySchema, query);
  return created(await uploadImport(ctx, q.objectType, csvBody(req), q.fileName));
});

export const GET = async (req: NextRequest, route: { params: Promise<Record<string, string>> }) => withApiHeaders(await list(req, route));
export const POST = async (req: NextRequest, route: { params: Promise<Record<string, string>> }) => withApiHeaders(await upload(req, route));
