"use server";
// Server actions of the merge dialog (duplicates pages and record pages).
import "server-only";
import { z } from "zod";
import { dismissDuplicates } from "@/lib/duplicates/dismiss";
import { tenantAction } from "@/lib/safe-action";
import { mergeRecords } from "./merge-records";
import { MAX_MERGE, MERGE_KINDS } from "./rules";
import { mergeInputSchema } from "./schemas";
import { loadMergeView } from "./view";

const kind = z.enum(MERGE_KINDS);

export const loadMergeViewAction = tenantAction
  .metadata({ permission: "records.read" })
  .inputSchema(z.object({ kind, ids: z.array(z.uuid()).min(2).max(MAX_MERGE + 1) }))
  .action(async ({ parsedInput, ctx }) => loadMergeView(ctx.tenant, parsedInput.kind, parsedInput.ids));

export const mergeRecordsAction = tenantAction
  .metadata({ permission: "records.delete" })
  .inputSchema(mergeInputSchema.extend({ kind, survivorId: z.uuid() }))
  .action(async ({ parsedInput, ctx }) => {
    const { kind: k, survivorId, ...input } = parsedInput;
    return { id: (await mergeRecords(ctx.tenant, k, survivorId, input)).id };
  });

export const dismissDuplicatesAction = tenantAction
  .metadata({ permission: "records.write" })
  .inputSchema(z.object({ kind, ids: z.array(z.uuid()).min(2).max(1000) }))
  .action(async ({ parsedInput, ctx }) => {
    await dismissDuplicates(ctx.tenant, parsedInput.kind, parsedInput.ids);
  });
