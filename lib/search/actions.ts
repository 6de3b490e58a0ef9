"use server";
// Records of one kind matching typed text, for a list page's "add by search".
import "server-only";
import { z } from "zod";
import { tenantAction } from "@/lib/safe-action";
import { VIEW_KINDS } from "@/lib/views/schemas";
import { searchAll } from "./search";

export const searchRecordsAction = tenantAction
  .metadata({ permission: "records.read" })
  .inputSchema(z.object({ kind: z.enum(VIEW_KINDS), q: z.string().trim().min(1).max(200) }))
  .action(async ({ parsedInput, ctx }) => (await searchAll(ctx.tenant, parsedInput.q, { kinds: [parsedInput.kind], limit: 8 })).map(({ id, title, subtitle }) => ({ id, title, subtitle })));
