import type { Metadata } from "next";
import { NotificationList } from "@/components/notifications/notification-list";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageSession } from "@/lib/auth/session";
import { listNotifications } from "@/lib/notifications/service";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const s = await requirePageSession();
  const page = await listNotifications(s.ctx, { limit: 30 });
  // The client list reads the REST API afterwards: same JSON shape (dates as ISO strings).
  const initial = JSON.parse(JSON.stringify(page)) as Parameters<typeof NotificationList>[0]["initial"];
  return (
    <>
      <PageHeader title="Notifications" description="Changes to the records you and your groups follow." />
      <NotificationList initial={initial} />
    </>
  );
}
