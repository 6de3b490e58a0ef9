"use server";
// Server actions of the record pages (/<collection>/[id] and /<collection>/new), shared
// by the five record kinds: each input is the kind's own schema (lib/records/schemas.ts),
// and each action calls the one service that makes the change.
import "server-only";
import { tenantAction } from "@/lib/safe-action";
import { recordCreateActionSchema, recordRefSchema, recordUpdateActionSchema } from "./schemas";
import { createRecord, deleteRecord, restoreRecord, updateRecord } from "./service";

export const createRecordAction = tenantAction
  .metadata({ permission: "records.write" })
  .inputSchema(recordCreateActionSchema)
  .action(async ({ parsedInput, ctx }) => ({ id: (await createRecord(ctx.tenant, parsedInput.kind, parsedInput.values)).id }));

export const updateRecordAction = tenantAction
  .metadata({ permission: "records.write" })
  .inputSchema(recordUpdateActionSchema)
  .action(async ({ parsedInput, ctx }) => {
    const row = await updateRecord(ctx.tenant, parsedInput.kind, parsedInput.id, parsedInput.patch);
    return { updatedAt: row.updatedAt };
  });

export const deleteRecordAction = tenantAction
  .metadata({ permission: "records.delete" })
  .inputSchema(recordRefSchema)
  .action(async ({ parsedInput, ctx }) => {
    await deleteRecord(ctx.tenant, parsedInput.kind, parsedInput.id);
  });

export const restoreRecordAction = tenantAction
  .metadata({ permission: "records.delete" })
  .inputSchema(recordRefSchema)
  .action(async ({ parsedInput, ctx }) => ({ id: (await restoreRecord(ctx.tenant, parsedInput.kind, parsedInput.id)).id }));
