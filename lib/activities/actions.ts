"use server";
// Server actions of activities on the record pages and /tasks: log an entry, create,
// complete, reopen and delete tasks, pin and unpin notes.
import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { tenantAction } from "@/lib/safe-action";
import { activityCreateSchema, activityUpdateSchema } from "./schemas";
import { completeTask, createActivity, deleteActivity, reopenTask, setNotePinned, updateActivity } from "./service";

const id = z.object({ id: z.uuid() });

export const createActivityAction = tenantAction
  .metadata({ permission: "activities.write" })
  .inputSchema(activityCreateSchema)
  .action(async ({ parsedInput, ctx }) => {
    const a = await createActivity(ctx.tenant, parsedInput);
    if (a.activityType === "TASK") revalidatePath("/tasks");
    return { id: a.id };
  });

export const completeTaskAction = tenantAction
  .metadata({ permission: "activities.write" })
  .inputSchema(id)
  .action(async ({ parsedInput, ctx }) => {
    const { next } = await completeTask(ctx.tenant, parsedInput.id);
    revalidatePath("/tasks");
    return { nextDueAt: next?.dueAt ?? null };
  });

export const reopenTaskAction = tenantAction
  .metadata({ permission: "activities.write" })
  .inputSchema(id)
  .action(async ({ parsedInput, ctx }) => {
    await reopenTask(ctx.tenant, parsedInput.id);
    revalidatePath("/tasks");
  });

/** My tasks' inline reschedule: a new due date, or none (a repeating task keeps needing one). */
export const rescheduleTaskAction = tenantAction
  .metadata({ permission: "activities.write" })
  .inputSchema(id.extend({ dueAt: activityUpdateSchema.shape.dueAt.unwrap() }))
  .action(async ({ parsedInput, ctx }) => {
    const a = await updateActivity(ctx.tenant, parsedInput.id, { dueAt: parsedInput.dueAt ?? null });
    revalidatePath("/tasks");
    return { dueAt: a.dueAt };
  });

export const deleteActivityAction = tenantAction
  .metadata({ permission: "activities.write" })
  .inputSchema(id)
  .action(async ({ parsedInput, ctx }) => {
    await deleteActivity(ctx.tenant, parsedInput.id);
  });

export const pinNoteAction = tenantAction
  .metadata({ permission: "activities.write" })
  .inputSchema(id.extend({ pinned: z.boolean() }))
  .action(async ({ parsedInput, ctx }) => {
    await setNotePinned(ctx.tenant, parsedInput.id, parsedInput.pinned);
  });
