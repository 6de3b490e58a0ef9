"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { toast } from "sonner";
import { DateTime } from "@/components/ui/date-time";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { fetchNotifications, markNotificationsRead, notificationHref, notificationKeys, type NotificationPageJson } from "./api";

/** /notifications: newest first, unread highlighted, mark one or all read. */
export function NotificationList({ initial }: { initial: NotificationPageJson }) {
  const queryClient = useQueryClient();
  const query = useInfiniteQuery({
    queryKey: notificationKeys.list,
    queryFn: ({ pageParam }) => fetchNotifications({ limit: 30, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [initial], pageParams: [null] },
    gcTime: 0,
    refetchOnWindowFocus: true,
  });
  const mark = useMutation({
    mutationFn: markNotificationsRead,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
    onError: (err) => toast.error(err.message),
  });
  const items = query.data.pages.flatMap((p) => p.data);
  const unread = query.data.pages[0]?.unreadCount ?? 0;
  return (
    <div className="space-y-3">
      <div className="flex items-center justify-between">
        <p className="text-sm text-slate-600" aria-live="polite">
          {unread ? `${unread} unread` : "All caught up"}
        </p>
        <Button variant="secondary" size="sm" disabled={!unread || mark.isPending} onClick={() => mark.mutate({ all: true })}>
          Mark all read
        </Button>
      </div>
      {items.length === 0 ? <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">No notifications yet. Follow a record to hear about its changes.</p> : null}
      <ul aria-label="Notifications" className="space-y-2">
        {items.map((n) => {
          const href = notificationHref(n);
          return (
            <li key={n.id} className={cn("flex items-start gap-3 rounded-md border p-3", n.readAt ? "border-slate-200 bg-white" : "border-brand-200 bg-brand-50")}>
              <div className="min-w-0 flex-1">
                <p className={cn("text-sm", !n.readAt && "font-semibold")}>
                  {!n.readAt ? <span className="mr-1.5 rounded bg-brand-600 px-1.5 py-0.5 text-xs font-medium text-white">Unread</span> : null}
                  {href ? (
                    <Link href={href} className="hover:underline" onClick={() => !n.readAt && mark.mutate({ ids: [n.id] })}>
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                </p>
                {n.body ? <p className="mt-0.5 text-sm text-slate-700">{n.body}</p> : null}
                <DateTime value={n.createdAt} className="text-xs text-slate-500" />
              </div>
              {!n.readAt ? (
                <Button variant="ghost" size="sm" aria-label={`Mark read: ${n.title}`} disabled={mark.isPending} onClick={() => mark.mutate({ ids: [n.id] })}>
                  Mark read
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {query.hasNextPage ? (
        <div className="flex justify-center">
          <Button variant="secondary" size="sm" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            {query.isFetchingNextPage ? "Loading…" : "Show older"}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
