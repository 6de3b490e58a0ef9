import type { Metadata } from "next";
import { TaskList } from "@/components/activities/task-list";
import { PageHeader } from "@/components/shell/page-header";
import { myTasks } from "@/lib/activities/queries";
import { requirePageSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "My tasks" };

export default async function TasksPage() {
  const s = await requirePageSession();
  const buckets = await myTasks(s.ctx);
  return (
    <>
      <PageHeader title="My tasks" description="Open tasks assigned to you or to a group you are in. Create tasks from a record's timeline." />
      <TaskList buckets={buckets} />
    </>
  );
}
