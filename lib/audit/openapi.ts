import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { AUDIT_ACTIONS, CRM_RECORD_TYPES } from "@/db/schema/enums";
import { empty, idPath, json, pageOf, pathItem } from "@/lib/api/openapi-common";
import { auditQuerySchema } from "./schemas";

const ts = z.iso.datetime();

const auditEntryOut = z
  .object({
    id: z.uuid(),
    at: ts,
    actorUserId: z.uuid().nullable(),
    actorApiKeyId: z.uuid().nullable(),
    action: z.enum(AUDIT_ACTIONS),
    recordType: z.enum(CRM_RECORD_TYPES).nullable(),
    recordId: z.uuid().nullable(),
    changes: z.record(z.string(), z.unknown()).nullable().meta({ description: "`{ \"<field>\": [old, new] }` for record updates; the facts of other actions" }),
    ip: z.string().nullable().meta({ description: "The client's address when the request had one" }),
  })
  .meta({ id: "AuditEntry", description: "One entry of the append-only audit log" });

const rows = z.array(z.record(z.string(), z.unknown()));
const contactExport = z
  .object({
    exportedAt: ts,
    contact: z.record(z.string(), z.unknown()),
    deals: rows,
    tickets: rows,
    activities: rows,
    listMemberships: rows,
    stageHistory: rows,
    watchers: rows,
    fieldChanges: rows,
    auditEntries: z.array(auditEntryOut),
  })
  .meta({ id: "ContactDataExport", description: "A contact and everything stored about them" });

export function auditPaths(): ZodOpenApiPathsObject {
  return {
    "/audit-log": pathItem({
      get: {
        id: "listAuditLog",
        tag: "audit",
        permission: "audit.read",
        summary: "The workspace's audit log",
        description:
          "Newest first. Sign-ins and failures, membership and role changes, API keys, exports, record creations, updates (with `changes`), deletions, merges and erasures. `from`/`to` take a time or a day (`to` includes that day). Entries can be neither changed nor deleted.",
        query: auditQuerySchema,
        responses: { "200": json(pageOf(auditEntryOut)) },
      },
    }),
    "/contacts/{id}/export": pathItem({
      get: {
        id: "exportContactData",
        tag: "contacts",
        permission: "records.read",
        summary: "Export a contact's personal data",
        description: "The contact with its activities, deals, tickets, list memberships, stage history, watchers, field changes and audit entries. The export is itself audited.",
        path: idPath,
        responses: { "200": json(contactExport) },
      },
    }),
    "/contacts/{id}/erase": pathItem({
      post: {
        id: "eraseContact",
        tag: "contacts",
        permission: "records.erase",
        summary: "Erase a contact's personal data",
        description:
          "Personal fields become `erased`, custom fields empty, activities lose their bodies; earlier values are scrubbed from field changes, events and the audit. The email is suppressed: creating a contact with it fails (422, `erased contact`). The audit keeps a `record.erased` entry.",
        path: idPath,
        noInput: true,
        responses: { "204": empty("Erased") },
      },
    }),
  };
}
