"use server";
// The board's server actions, for deals, leads and tickets alike: the page binds the kind
// (`moveOnBoardAction.bind(null, "DEAL")`), checked by its schema like any input. They only
// parse input and call the services: moveRecord and createRecord are the write paths.
import "server-only";
import { z } from "zod";
import { moveRecord } from "@/lib/pipelines/move-record";
import { PIPELINE_KINDS } from "@/lib/pipelines/schemas";
import { createRecord } from "@/lib/records/service";
import { tenantAction } from "@/lib/safe-action";
import { boardMoveSchema, quickCreateSchema } from "./schemas";
import type { BoardKind } from "./types";

const kind = z.enum(PIPELINE_KINDS);

function recordInput(kind: BoardKind, input: z.output<typeof quickCreateSchema>): Record<string, unknown> {
  const placement = { pipelineId: input.pipelineId, stageId: input.stageId };
  if (kind === "DEAL") return { ...placement, name: input.title, ...(input.amount ? { amount: input.amount.replace(/[,\s]/g, "") } : {}) };
  if (kind === "TICKET") return { ...placement, subject: input.title };
  const [first, ...rest] = input.title.split(/\s+/);
  return { ...placement, firstName: first, lastName: rest.join(" ") || null };
}

/** Board drop or reorder: moveRecord with the neighbours at the drop point. */
export const moveOnBoardAction = tenantAction
  .metadata({ permission: "records.move" })
  .bindArgsSchemas([kind])
  .inputSchema(boardMoveSchema)
  .action(async ({ parsedInput, bindArgsParsedInputs: [k], ctx }) => {
    const { record, moved } = await moveRecord(ctx.tenant, k, parsedInput.id, parsedInput.move);
    return { id: record.id, stageId: record.stageId as string, moved };
  });

/** Quick-create at the top of a board column. */
export const quickCreateAction = tenantAction
  .metadata({ permission: "records.write" })
  .bindArgsSchemas([kind])
  .inputSchema(quickCreateSchema)
  .action(async ({ parsedInput, bindArgsParsedInputs: [k], ctx }) => {
    const record = await createRecord(ctx.tenant, k, recordInput(k, parsedInput));
    return { id: record.id };
  });
