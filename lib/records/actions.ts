"use server";
// Server actions of the record pages (/<collection>/[id] and /<collection>/new), shared
// by the five record kinds: each checks its permission, parses its input and calls the
// one service that makes the change (createRecord, updateRecord, deleteRecord,
// restoreRecord, moveRecord, followRecord, unfollowRecord).
import { z } from "zod";
import { PRINCIPAL_TYPES } from "@/db/schema/enums";
import { moveRecord } from "@/lib/pipelines/move-record";
import { moveSchema } from "@/lib/pipelines/schemas";
import { createRecord, deleteRecord, restoreRecord, updateRecord } from "@/lib/records/service";
import { tenantAction } from "@/lib/safe-action";
import { followRecord, unfollowRecord } from "@/lib/watchers/service";
import { outcome } from "@/components/record/action-result";

const recordKind = z.enum(["COMPANY", "CONTACT", "DEAL", "LEAD", "TICKET"]);
const pipelineKind = z.enum(["DEAL", "LEAD", "TICKET"]);
const id = z.uuid();
const ref = z.object({ kind: recordKind, id });

export const createRecordAction = tenantAction
  .metadata({ permission: "records.write" })
  .inputSchema(z.object({ kind: recordKind, values: z.record(z.string(), z.unknown()) }))
  .action(async ({ parsedInput, ctx }) => outcome(async () => ({ id: (await createRecord(ctx.tenant, parsedInput.kind, parsedInput.values)).id })));

export const updateRecordAction = tenantAction
  .metadata({ permission: "records.write" })
  .inputSchema(ref.extend({ patch: z.record(z.string(), z.unknown()) }))
  .action(async ({ parsedInput, ctx }) =>
    outcome(async () => {
      const row = await updateRecord(ctx.tenant, parsedInput.kind, parsedInput.id, parsedInput.patch);
      return { updatedAt: row.updatedAt };
    }),
  );

export const deleteRecordAction = tenantAction
  .metadata({ permission: "records.delete" })
  .inputSchema(ref)
  .action(async ({ parsedInput, ctx }) => outcome(() => deleteRecord(ctx.tenant, parsedInput.kind, parsedInput.id)));

export const restoreRecordAction = tenantAction
  .metadata({ permission: "records.delete" })
  .inputSchema(ref)
  .action(async ({ parsedInput, ctx }) => outcome(async () => ({ id: (await restoreRecord(ctx.tenant, parsedInput.kind, parsedInput.id)).id })));

export const moveStageAction = tenantAction
  .metadata({ permission: "records.move" })
  .inputSchema(z.object({ kind: pipelineKind, id, move: moveSchema.omit({ afterId: true, beforeId: true }) }))
  .action(async ({ parsedInput, ctx }) =>
    outcome(async () => {
      const { record, historyId } = await moveRecord(ctx.tenant, parsedInput.kind, parsedInput.id, parsedInput.move);
      return { stageId: record.stageId as string, historyId };
    }),
  );

const watchInput = z.object({ kind: recordKind, id, principalType: z.enum(PRINCIPAL_TYPES), principalId: id });

export const followAction = tenantAction
  .metadata({ permission: "watchers.write" })
  .inputSchema(watchInput)
  .action(async ({ parsedInput: p, ctx }) =>
    outcome(async () => {
      const { created } = await followRecord(ctx.tenant, { recordType: p.kind, recordId: p.id, principalType: p.principalType, principalId: p.principalId });
      return { created };
    }),
  );

export const unfollowAction = tenantAction
  .metadata({ permission: "watchers.write" })
  .inputSchema(watchInput)
  .action(async ({ parsedInput: p, ctx }) =>
    outcome(() => unfollowRecord(ctx.tenant, { recordType: p.kind, recordId: p.id, principalType: p.principalType, principalId: p.principalId })),
  );
