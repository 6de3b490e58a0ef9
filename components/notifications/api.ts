"use client";
// The bell and /notifications read through the REST API with the browser session.
import { isRecordKind, recordPath } from "@/lib/records/kinds";

export interface NotificationJson {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  recordType: string | null;
  recordId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPageJson {
  data: NotificationJson[];
  unreadCount: number;
  nextCursor: string | null;
}

export const notificationKeys = {
  all: ["notifications"] as const,
  latest: ["notifications", "latest"] as const,
  list: ["notifications", "list"] as const,
};

/** The page of the record a notification is about, when it has one. */
export const notificationHref = (n: Pick<NotificationJson, "recordType" | "recordId">) =>
  isRecordKind(n.recordType) && n.recordId ? recordPath(n.recordType, n.recordId) : null;

async function problemMessage(res: Response): Promise<string> {
  try {
    const p = (await res.json()) as { detail?: string };
    return p.detail ?? `Request failed (${res.status})`;
  } catch {
    return `Request failed (${res.status})`;
  }
}

export async function fetchNotifications(params: { limit?: number; cursor?: string | null } = {}): Promise<NotificationPageJson> {
  const q = new URLSearchParams({ limit: String(params.limit ?? 20) });
  if (params.cursor) q.set("cursor", params.cursor);
  const res = await fetch(`/api/v1/notifications?${q}`, { headers: { accept: "application/json" }, cache: "no-store" });
  if (!res.ok) throw new Error(await problemMessage(res));
  return (await res.json()) as NotificationPageJson;
}

export async function markNotificationsRead(body: { ids: string[] } | { all: true }): Promise<{ updated: number; unreadCount: number }> {
  const res = await fetch("/api/v1/notifications/read", { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(await problemMessage(res));
  return (await res.json()) as { updated: number; unreadCount: number };
}
