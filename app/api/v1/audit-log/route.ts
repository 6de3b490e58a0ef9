import { apiRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/query";
import { listAuditLog } from "@/lib/audit/queries";
import { auditQuerySchema } from "@/lib/audit/schemas";

export const dynamic = "force-dynamic";

/** GET /api/v1/audit-log (admins) — newest first, keyset-paged. */
export const GET = apiRoute("audit.read", async ({ ctx, query }) => listAuditLog(ctx, parseQuery(auditQuerySchema, query)));
