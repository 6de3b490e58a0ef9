// Input schemas of sequences, shared by the server actions and the REST API.
import { z } from "zod";
import { PIPELINE_STAGE_STATES } from "@/db/schema/enums";

export const sequenceStepInputSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("EMAIL"),
    delayDays: z.number().int().min(0).max(365).default(0),
    delayHours: z.number().int().min(0).max(23).default(0),
    subject: z.string().trim().min(1, "is required").max(500),
    body: z.string().min(1, "is required").max(100_000),
  }),
  z.object({
    kind: z.literal("TASK"),
    delayDays: z.number().int().min(0).max(365).default(0),
    delayHours: z.number().int().min(0).max(23).default(0),
    /** The task's subject, for the contact's owner. */
    subject: z.string().trim().min(1, "is required").max(500),
    body: z.string().max(10_000).default(""),
  }),
]);
export type SequenceStepInput = z.input<typeof sequenceStepInputSchema>;

export const sequenceInputSchema = z.object({
  name: z.string().trim().min(1, "is required").max(200),
  mailboxId: z.uuid(),
  /** Stop for a person when one of their deals enters a stage of one of these states. */
  stopOnStageStates: z.array(z.enum(PIPELINE_STAGE_STATES)).max(4).default(["DONE_SUCCESS", "DONE_FAILED"]),
  track: z.boolean().default(true),
  steps: z.array(sequenceStepInputSchema).min(1, "needs at least one step").max(30),
  /** Paused: due steps wait (nothing is sent or created) until it is resumed; left out, it stays as it is. */
  paused: z.boolean().optional(),
});
export type SequenceInput = z.input<typeof sequenceInputSchema>;

export const enrollSchema = z
  .object({
    contactId: z.uuid().optional(),
    /** Every contact of a list (static or dynamic, as it is now). */
    listId: z.uuid().optional(),
  })
  .refine((v) => !!v.contactId !== !!v.listId, { message: "name either contactId or listId", path: ["contactId"] });
export type EnrollInput = z.input<typeof enrollSchema>;
