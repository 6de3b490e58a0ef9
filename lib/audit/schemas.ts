import { z } from "zod";
import { AUDIT_ACTIONS, CRM_RECORD_TYPES } from "@/db/schema/enums";

/** GET /audit-log's filters (and the Settings → Audit log page's URL). */
export const auditQuerySchema = z.object({
  actorUserId: z.uuid().optional(),
  recordType: z.enum(CRM_RECORD_TYPES).optional(),
  recordId: z.uuid().optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional().meta({ description: "Entries at or after this time (a date: its start, UTC)" }),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional().meta({ description: "Entries before this time (a date: the end of that day, UTC)" }),
  cursor: z.string().optional().meta({ description: "`nextCursor` of the previous page" }),
  limit: z.coerce.number().int().min(1).max(200).optional().meta({ description: "Page size (default 50)" }),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;
