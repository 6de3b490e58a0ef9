"use server";
// A record's timeline, one more page at a time (reading: any signed-in role).
import "server-only";
import { z } from "zod";
import { recordRefSchema } from "@/lib/records/schemas";
import { tenantAction } from "@/lib/safe-action";
import { pinnedNotes } from "./pinned";
import { recordTimeline } from "./queries";

export const timelinePageAction = tenantAction
  .metadata({ permission: "records.read" })
  .inputSchema(recordRefSchema.extend({ cursor: z.string().max(200).nullable() }))
  .action(async ({ parsedInput, ctx }) => recordTimeline(ctx.tenant, parsedInput.kind, parsedInput.id, { limit: 50, cursor: parsedInput.cursor }));

export const pinnedNotesAction = tenantAction
  .metadata({ permission: "records.read" })
  .inputSchema(recordRefSchema)
  .action(async ({ parsedInput, ctx }) => pinnedNotes(ctx.tenant, parsedInput.kind, parsedInput.id));
