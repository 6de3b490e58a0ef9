"use server";
// Server actions of a record page's Follow control: watch a record, for me or a group.
import "server-only";
import { z } from "zod";
import { PRINCIPAL_TYPES } from "@/db/schema/enums";
import { RECORD_KIND_VALUES } from "@/lib/records/kinds";
import { tenantAction } from "@/lib/safe-action";
import { followRecord, unfollowRecord } from "./service";

const watchInput = z.object({ kind: z.enum(RECORD_KIND_VALUES), id: z.uuid(), principalType: z.enum(PRINCIPAL_TYPES), principalId: z.uuid() });

export const followAction = tenantAction
  .metadata({ permission: "watchers.write" })
  .inputSchema(watchInput)
  .action(async ({ parsedInput: p, ctx }) => {
    const { created } = await followRecord(ctx.tenant, { recordType: p.kind, recordId: p.id, principalType: p.principalType, principalId: p.principalId });
    return { created };
  });

export const unfollowAction = tenantAction
  .metadata({ permission: "watchers.write" })
  .inputSchema(watchInput)
  .action(async ({ parsedInput: p, ctx }) => {
    await unfollowRecord(ctx.tenant, { recordType: p.kind, recordId: p.id, principalType: p.principalType, principalId: p.principalId });
  });
