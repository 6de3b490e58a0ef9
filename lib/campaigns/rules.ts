// The rules of a campaign, without I/O: who gets which subject (the A/B split), how many
// go in the next batch and when the one after may start (the per-mailbox hourly limit and
// the send window), and what one recipient's status is.
import { createHash } from "node:crypto";
import { nextOpenSlot, type SendWindow } from "@/lib/email/send-window";

/**
 * Exactly round(n × splitPercent / 100) recipients get variant B, chosen by a hash of the
 * campaign and contact ids: a fair shuffle that the same campaign always repeats.
 */
export function assignVariants(campaignId: string, contactIds: readonly string[], splitPercent: number): Map<string, "A" | "B"> {
  const bCount = Math.round((contactIds.length * Math.max(0, Math.min(100, splitPercent))) / 100);
  const ordered = [...contactIds].sort((a, b) => {
    const ha = createHash("sha256").update(`${campaignId}:${a}`).digest("hex");
    const hb = createHash("sha256").update(`${campaignId}:${b}`).digest("hex");
    return ha < hb ? -1 : ha > hb ? 1 : 0;
  });
  return new Map(ordered.map((id, i) => [id, i < bCount ? "B" : "A"]));
}

export const HOUR_MS = 3_600_000;

export interface BatchPlanInput {
  now: Date;
  /** Recipients still queued. */
  pending: number;
  batchSize: number;
  /** Campaign and sequence sends allowed per mailbox in any 60 minutes. */
  hourlyLimit: number;
  /** When this mailbox's campaign and sequence sends of the last hour were queued. */
  recentSends: readonly Date[];
  window: SendWindow | null;
  zone: string;
}

export interface BatchPlan {
  /** How many to send now. */
  take: number;
  /** When the next batch may start; null when nothing will be left. */
  nextAt: Date | null;
}

/**
 * The next batch: as many as the batch size, what is left and the hour's room allow, and
 * the earliest time the batch after fits — when enough of the last hour's sends have aged
 * out for a whole batch (or what is left) — moved to the send window's next open minute.
 * No 60-minute span ever holds more than `hourlyLimit` sends of the mailbox.
 */
export function planBatch(p: BatchPlanInput): BatchPlan {
  if (p.pending <= 0) return { take: 0, nextAt: null };
  const open = nextOpenSlot(p.now, p.window, p.zone);
  if (open.getTime() > p.now.getTime()) return { take: 0, nextAt: open };
  const since = p.now.getTime() - HOUR_MS;
  const recent = p.recentSends.map((d) => d.getTime()).filter((t) => t > since);
  const room = Math.max(0, p.hourlyLimit - recent.length);
  const take = Math.min(p.batchSize, p.pending, room);
  const left = p.pending - take;
  if (left === 0) return { take, nextAt: null };
  // all sends of the hour, this batch's included, oldest first
  const all = [...recent, ...Array<number>(take).fill(p.now.getTime())].sort((a, b) => a - b);
  const need = Math.min(p.batchSize, left, p.hourlyLimit);
  const idx = all.length - p.hourlyLimit + need - 1;
  const fits = idx < 0 ? p.now.getTime() : Math.max(p.now.getTime(), all[idx]! + HOUR_MS);
  return { take, nextAt: nextOpenSlot(new Date(fits), p.window, p.zone) };
}

export const RECIPIENT_STATUSES = ["queued", "sent", "failed", "suppressed", "bounced", "opened", "clicked", "unsubscribed"] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

export interface RecipientFacts {
  state: "QUEUED" | "SUPPRESSED" | "EMAILED";
  emailStatus: "QUEUED" | "SENDING" | "SENT" | "FAILED" | null;
  opens: number;
  clicks: number;
  unsubscribed: boolean;
  bounced: boolean;
}

/** One recipient's status, the furthest thing that happened: unsubscribed > bounced > clicked > opened > sent. */
export function recipientStatus(r: RecipientFacts): RecipientStatus {
  if (r.state === "QUEUED") return "queued";
  if (r.state === "SUPPRESSED") return "suppressed";
  if (r.unsubscribed) return "unsubscribed";
  if (r.bounced) return "bounced";
  if (r.emailStatus === "FAILED") return "failed";
  if (r.clicks > 0) return "clicked";
  if (r.opens > 0) return "opened";
  if (r.emailStatus === "SENT") return "sent";
  return "queued";
}
