import { activityJson } from "@/lib/activities/queries";
import { completeTask } from "@/lib/activities/service";
import { apiRoute } from "@/lib/api/handler";

export const dynamic = "force-dynamic";

/** POST /api/v1/activities/{id}/complete — marks a task done; a recurring task answers its next occurrence too. */
export const POST = apiRoute<{ id: string }>("activities.write", async ({ ctx, params }) => {
  const { task, next } = await completeTask(ctx, params.id);
  return { task: activityJson(task), next: next ? activityJson(next) : null };
});
