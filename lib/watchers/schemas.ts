// zod schemas for record watchers, shared by the server actions, the REST API and OpenAPI.
import { z } from "zod";
import { CRM_RECORD_TYPES, PRINCIPAL_TYPES } from "@/db/schema/enums";

export const watchRecordTypeSchema = z.enum(CRM_RECORD_TYPES, { error: `must be one of ${CRM_RECORD_TYPES.join(", ")}` });
export const principalTypeSchema = z.enum(PRINCIPAL_TYPES, { error: "must be USER or GROUP" });

export const watcherInputSchema = z
  .object({
    recordType: watchRecordTypeSchema,
    recordId: z.uuid({ message: "must be a record id" }),
    principalType: principalTypeSchema,
    principalId: z.uuid({ message: "must be a user or group id" }),
  })
  .strict()
  .meta({ id: "WatcherInput" });

export type WatcherInput = z.input<typeof watcherInputSchema>;
export type WatchRecordType = (typeof CRM_RECORD_TYPES)[number];
export type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

/** GET /watchers takes either a record (who follows it) or a principal (what it follows). */
export const watchersOfRecordQuery = z.object({ recordType: watchRecordTypeSchema, recordId: z.uuid({ message: "must be a record id" }) });
export const watchedByPrincipalQuery = z.object({ principalType: principalTypeSchema, principalId: z.uuid({ message: "must be a user or group id" }) });
