"use server";
// Server actions for activities on the record pages and /tasks: they parse input with
// the schemas of lib/activities and call its services.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { activityCreateSchema } from "@/lib/activities/schemas";
import { completeTask, createActivity, deleteActivity, reopenTask } from "@/lib/activities/service";
import { tenantAction } from "@/lib/safe-action";
import { recordTimeline } from "@/lib/timeline/queries";
import { outcome } from "@/components/record/action-result";

const id = z.object({ id: z.uuid() });

export const createActivityAction = tenantAction
  .metadata({ permission: "activities.write" })
  // The service parses with the same schema; a refusal comes back with field messages.
  .inputSchema(z.record(z.string(), z.unknown()))
  .action(async ({ parsedInput, ctx }) =>
    outcome(async () => {
      const a = await createActivity(ctx.tenant, activityCreateSchema.parse(parsedInput));
      if (a.activityType === "TASK") revalidatePath("/tasks");
      return { id: a.id };
    }),
  );

export const completeTaskAction = tenantAction
  .metadata({ permission: "activities.write" })
  .inputSchema(id)
  .action(async ({ parsedInput, ctx }) =>
    outcome(async () => {
      const { next } = await completeTask(ctx.tenant, parsedInput.id);
      revalidatePath("/tasks");
      return { nextDueAt: next?.dueAt ?? null };
    }),
  );

export const reopenTaskAction = tenantAction
  .metadata({ permission: "activities.write" })
  .inputSchema(id)
  .action(async ({ parsedInput, ctx }) =>
    outcome(async () => {
      await reopenTask(ctx.tenant, parsedInput.id);
      revalidatePath("/tasks");
    }),
  );

export const deleteActivityAction = tenantAction
  .metadata({ permission: "activities.write" })
  .inputSchema(id)
  .action(async ({ parsedInput, ctx }) => outcome(() => deleteActivity(ctx.tenant, parsedInput.id)));

/** One more page of a record's timeline (reading: any signed-in role). */
export const timelinePageAction = tenantAction
  .metadata({ permission: "records.read" })
  .inputSchema(z.object({ kind: z.enum(["COMPANY", "CONTACT", "DEAL", "LEAD", "TICKET"]), id: z.uuid(), cursor: z.string().max(200).nullable() }))
  .action(async ({ parsedInput, ctx }) => recordTimeline(ctx.tenant, parsedInput.kind, parsedInput.id, { limit: 50, cursor: parsedInput.cursor }));
