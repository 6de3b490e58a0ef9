// CSV download of the audit log, with the Settings → Audit log page's filters. Admins,
// by the browser session; the export is itself an audit entry.
import type { NextRequest } from "next/server";
import { parseQuery } from "@/lib/api/query";
import { toProblem } from "@/lib/api/problem";
import { auditToCsv } from "@/lib/audit/csv";
import { actorNames } from "@/lib/audit/names";
import { listAuditLog } from "@/lib/audit/queries";
import { auditQuerySchema } from "@/lib/audit/schemas";
import { appendAudit } from "@/lib/audit/write";
import { assertCan } from "@/lib/auth/permissions";
import { getSession } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { withTenant } from "@/lib/tenancy/with-tenant";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest) {
  try {
    const session = await getSession();
    if (!session) throw new AppError("unauthorized", "Your session has ended: sign in again");
    assertCan(session.role, "audit.read");
    const query = parseQuery(auditQuerySchema, req.nextUrl.searchParams);
    const ctx = session.ctx;
    const { names } = await actorNames(ctx);
    await withTenant(ctx, (tx) => appendAudit(tx, ctx, { action: "export", changes: { format: "csv", of: "audit_log", filters: { ...query, cursor: undefined } } }));
    const encoder = new TextEncoder();
    let cursor: string | undefined;
    let first = true;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const page = await listAuditLog(ctx, { ...query, cursor, limit: 200 });
          const text = auditToCsv(page.data, names, first);
          controller.enqueue(encoder.encode(first ? `\ufeff${text}` : text));
          first = false;
          cursor = page.nextCursor ?? undefined;
          if (!cursor) controller.close();
        } catch (err) {
          controller.error(err);
        }
      },
    });
    return new Response(stream, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="audit-log-${new Date().toISOString().slice(0, 10)}.csv"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (err) {
    return toProblem(err);
  }
}
