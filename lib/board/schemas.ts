// Inputs of the board's server actions (lib/board/actions.ts), shared with its forms.
import { z } from "zod";
import { moveSchema } from "@/lib/pipelines/schemas";

export const boardMoveSchema = z.object({ id: z.uuid(), move: moveSchema });
export type BoardMoveInput = z.input<typeof boardMoveSchema>;

export const quickCreateSchema = z.object({
  pipelineId: z.uuid(),
  stageId: z.uuid(),
  title: z.string().trim().min(1, "is required").max(200),
  amount: z.string().trim().max(30).optional(),
});
export type QuickCreateInput = z.input<typeof quickCreateSchema>;
