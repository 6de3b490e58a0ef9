import { z } from "zod";

export const moveSchema = z
  .object({
    toStageId: z.string().uuid({ message: "must be a stage id" }),
    lostReason: z.string().trim().min(1).max(500).optional(),
    wonReason: z.string().trim().min(1).max(500).optional(),
    /** Admins only: force a move the rules refuse; `reason` is required and recorded. */
    override: z.boolean().optional(),
    reason: z.string().trim().min(1).max(500).optional(),
    /** Board drops: place the card between these neighbours of the target column. */
    afterId: z.string().uuid().nullish(),
    beforeId: z.string().uuid().nullish(),
  })
  .strict()
  .meta({ id: "MoveInput" });

export type MoveInput = z.input<typeof moveSchema>;
