// CSV download of a record table: the selected ids, or everything matching the table's
// quick search and filter. Authenticated by the browser session (records.read). GET for
// filter exports (a plain link); POST (a form) when a selection has too many ids for a URL.
import type { NextRequest } from "next/server";
import { assertCan } from "@/lib/auth/permissions";
import { getSession } from "@/lib/auth/session";
import { MAX_BULK_RECORDS } from "@/lib/bulk/schemas";
import { AppError } from "@/lib/errors";
import { toProblem } from "@/lib/api/problem";
import { exportCsv, exportFileName, type ExportSelection } from "@/lib/export/stream";
import { kindOfCollection } from "@/lib/records/registry";
import { isUuid } from "@/lib/uuid";

export const dynamic = "force-dynamic";

type Route = { params: Promise<{ collection: string }> };

function selectionOf(input: URLSearchParams): ExportSelection {
  const ids = input.get("ids");
  if (ids !== null) {
    const list = ids.split(",").map((s) => s.trim()).filter(Boolean);
    if (list.length === 0 || list.length > MAX_BULK_RECORDS) throw new AppError("bad-request", `ids must name 1 to ${MAX_BULK_RECORDS} records`);
    if (list.some((id) => !isUuid(id))) throw new AppError("bad-request", "ids must be comma-separated uuids");
    return { ids: list };
  }
  const raw = input.get("filter");
  let filter: unknown;
  if (raw) {
    try {
      filter = JSON.parse(raw);
    } catch {
      throw new AppError("bad-request", "filter is not valid JSON");
    }
  }
  return { all: true, q: input.get("q"), filter };
}

async function handle(route: Route, input: URLSearchParams): Promise<Response> {
  try {
    const session = await getSession();
    if (!session) throw new AppError("unauthorized", "Your session has ended: sign in again");
    assertCan(session.role, "records.read");
    const def = kindOfCollection((await route.params).collection);
    if (!def) throw new AppError("not-found", "No such collection");
    const stream = await exportCsv(session.ctx, def.kind, { selection: selectionOf(input), sort: input.get("sort"), cols: input.get("cols") });
    return new Response(stream, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${exportFileName(def.kind)}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (err) {
    return toProblem(err);
  }
}

export async function GET(req: NextRequest, route: Route) {
  return handle(route, req.nextUrl.searchParams);
}

export async function POST(req: NextRequest, route: Route) {
  const input = new URLSearchParams(req.nextUrl.searchParams);
  const type = req.headers.get("content-type") ?? "";
  if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data")) {
    const form = await req.formData().catch(() => null);
    if (!form) return toProblem(new AppError("bad-request", "The form could not be read"));
    for (const [k, v] of form.entries()) if (typeof v === "string") input.set(k, v);
  }
  return handle(route, input);
}
