"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bell } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { DropdownMenu } from "radix-ui";
import { toast } from "sonner";
import { useLiveEvents } from "@/components/live/live-events";
import { DateTime } from "@/components/ui/date-time";
import { cn } from "@/components/ui/cn";
import { fetchNotifications, markNotificationsRead, notificationHref, notificationKeys } from "./api";

/**
 * The header's bell: the unread count and the latest notifications, re-read as soon as the
 * live stream says the user's notifications changed (written, or read in another tab) —
 * which also keeps /notifications current, under the same query keys.
 */
export function NotificationBell() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const latest = useQuery({
    queryKey: notificationKeys.latest,
    queryFn: () => fetchNotifications({ limit: 8 }),
    refetchOnWindowFocus: true,
    staleTime: 5_000,
  });
  useLiveEvents("notifications", () => void queryClient.invalidateQueries({ queryKey: notificationKeys.all }));
  const mark = useMutation({
    mutationFn: markNotificationsRead,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
    onError: (err) => toast.error(err.message),
  });
  const unread = latest.data?.unreadCount ?? 0;
  const label = unread ? `Notifications, ${unread} unread` : "Notifications";
  return (
    <DropdownMenu.Root onOpenChange={(open) => open && void latest.refetch()}>
      <DropdownMenu.Trigger asChild>
        <button type="button" aria-label={label} className="relative rounded-full p-2 text-slate-600 hover:bg-slate-100">
          <Bell className="size-5" aria-hidden />
          {unread ? (
            <span aria-hidden data-testid="unread-count" className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-semibold leading-5 text-white">
              {unread > 99 ? "99+" : unread}
            </span>
          ) : null}
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 w-96 max-w-[calc(100vw-1rem)] rounded-md border border-slate-200 bg-white p-1 shadow-lg">
          <div className="flex items-center justify-between px-2 py-1.5">
            <DropdownMenu.Label className="text-sm font-semibold">Notifications</DropdownMenu.Label>
            {unread ? <span className="text-xs text-slate-500">{unread} unread</span> : null}
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
          {latest.isError ? <p className="px-2 py-1.5 text-sm text-red-600">{latest.error.message}</p> : null}
          {latest.data && latest.data.data.length === 0 ? <p className="px-2 py-3 text-sm text-slate-500">No notifications yet. Follow a record to hear about its changes.</p> : null}
          {latest.data?.data.map((n) => {
            const href = notificationHref(n);
            return (
              <DropdownMenu.Item
                key={n.id}
                onSelect={() => {
                  if (!n.readAt) mark.mutate({ ids: [n.id] });
                  if (href) router.push(href);
                }}
                className={cn("block cursor-pointer rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-slate-100", !n.readAt && "bg-brand-50")}
              >
                <span className={cn("block", !n.readAt && "font-semibold")}>
                  {!n.readAt ? <span className="sr-only">Unread: </span> : null}
                  {n.title}
                </span>
                {n.body ? <span className="block truncate text-xs text-slate-600">{n.body}</span> : null}
                <DateTime value={n.createdAt} className="block text-xs text-slate-500" />
              </DropdownMenu.Item>
            );
          })}
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
          <div className="flex items-center justify-between gap-2 px-1">
            <DropdownMenu.Item asChild>
              <Link href="/notifications" className="rounded px-2 py-1.5 text-sm font-medium text-brand-700 outline-none data-[highlighted]:bg-slate-100">
                See all notifications
              </Link>
            </DropdownMenu.Item>
            <DropdownMenu.Item asChild>
              <Link href="/tasks" className="rounded px-2 py-1.5 text-sm text-slate-700 outline-none data-[highlighted]:bg-slate-100">
                My tasks
              </Link>
            </DropdownMenu.Item>
            <DropdownMenu.Item
              disabled={!unread}
              onSelect={(e) => {
                e.preventDefault();
                mark.mutate({ all: true });
              }}
              className="cursor-pointer rounded px-2 py-1.5 text-sm text-slate-700 outline-none data-[disabled]:cursor-not-allowed data-[disabled]:text-slate-400 data-[highlighted]:bg-slate-100"
            >
              Mark all read
            </DropdownMenu.Item>
          </div>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
