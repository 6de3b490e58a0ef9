"use server";
// The create forms' duplicate warning (issue 17): while someone types an email or a
// domain, the records that already have it.
import "server-only";
import { z } from "zod";
import { RECORD_KINDS } from "@/lib/records/registry";
import { tenantAction } from "@/lib/safe-action";
import { existingDuplicates } from "./queries";
import { DUPLICATE_OBJECT_TYPES } from "./rules";

export const existingDuplicatesAction = tenantAction
  .metadata({ permission: "records.read" })
  .inputSchema(
    z.object({
      kind: z.enum(DUPLICATE_OBJECT_TYPES),
      values: z.object({ email: z.string().max(320).optional(), domain: z.string().max(320).optional() }),
    }),
  )
  .action(async ({ parsedInput: { kind, values }, ctx }) =>
    (await existingDuplicates(ctx.tenant, kind, values)).map((d) => ({ id: d.id, title: RECORD_KINDS[kind].title(d.row), reasons: d.reasons })),
  );
