// The board's server actions, built once per kind and exported from the "use server"
// files next to the pages (app/(crm)/{deals,leads,tickets}/actions.ts). They only parse
// input and call the services: moveRecord and createRecord are the write paths.
import { z, ZodError } from "zod";
import { AppError } from "@/lib/errors";
import { moveRecord } from "@/lib/pipelines/move-record";
import { moveSchema } from "@/lib/pipelines/schemas";
import { createRecord } from "@/lib/records/service";
import { tenantAction } from "@/lib/safe-action";
import type { BoardKind } from "./types";

export const boardMoveSchema = z.object({ id: z.string().uuid(), move: moveSchema });
export type BoardMoveInput = z.input<typeof boardMoveSchema>;

export const quickCreateSchema = z.object({
  pipelineId: z.string().uuid(),
  stageId: z.string().uuid(),
  title: z.string().trim().min(1, "is required").max(200),
  amount: z.string().trim().max(30).optional(),
});
export type QuickCreateInput = z.input<typeof quickCreateSchema>;

/** A service's zod error becomes one readable message (the action client shows AppError messages). */
function readable(err: unknown): never {
  if (err instanceof ZodError) {
    throw new AppError("validation", err.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; "));
  }
  throw err;
}

function recordInput(kind: BoardKind, input: z.output<typeof quickCreateSchema>): Record<string, unknown> {
  const placement = { pipelineId: input.pipelineId, stageId: input.stageId };
  if (kind === "DEAL") return { ...placement, name: input.title, ...(input.amount ? { amount: input.amount.replace(/[,\s]/g, "") } : {}) };
  if (kind === "TICKET") return { ...placement, subject: input.title };
  const [first, ...rest] = input.title.split(/\s+/);
  return { ...placement, firstName: first, lastName: rest.join(" ") || null };
}

export function makeMoveAction(kind: BoardKind) {
  return tenantAction
    .metadata({ permission: "records.move" })
    .inputSchema(boardMoveSchema)
    .action(async ({ parsedInput, ctx }) => {
      const { record, moved } = await moveRecord(ctx.tenant, kind, parsedInput.id, parsedInput.move).catch(readable);
      return { id: record.id, stageId: record.stageId as string, moved };
    });
}

export function makeCreateAction(kind: BoardKind) {
  return tenantAction
    .metadata({ permission: "records.write" })
    .inputSchema(quickCreateSchema)
    .action(async ({ parsedInput, ctx }) => {
      const record = await createRecord(ctx.tenant, kind, recordInput(kind, parsedInput)).catch(readable);
      return { id: record.id };
    });
}
