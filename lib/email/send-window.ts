// The workspace's send window (pure, client-safe): campaign, sequence and scheduled sends
// go out only on the chosen days between two times of day in the workspace's time zone;
// one due outside it waits for the next open minute.
import { zonedClock, zonedInstant } from "@/lib/workspace/zone";

export interface SendWindow {
  /** Days of the week it is open, 0 = Sunday … 6 = Saturday. */
  days: number[];
  /** Open from this minute of the day (inclusive) to `endMinute` (exclusive). */
  startMinute: number;
  endMinute: number;
}

export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** True when `at` falls inside the window (no window: always). */
export function inSendWindow(at: Date, w: SendWindow | null, zone: string): boolean {
  if (!w || w.days.length === 0) return true;
  const c = zonedClock(at, zone);
  return w.days.includes(c.weekday) && c.minute >= w.startMinute && c.minute < w.endMinute;
}

/** `at` itself when the window is open then, else the first minute it opens after `at`. */
export function nextOpenSlot(at: Date, w: SendWindow | null, zone: string): Date {
  if (inSendWindow(at, w, zone)) return at;
  const c = zonedClock(at, zone);
  for (let k = 0; k <= 7; k++) {
    const day = addDays(c.day, k);
    const weekday = (c.weekday + k) % 7;
    if (!w!.days.includes(weekday)) continue;
    const opens = zonedInstant(day, w!.startMinute, zone);
    if (opens.getTime() > at.getTime()) return opens;
  }
  return at;
}

/** "09:30" for 570. */
export const minuteLabel = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
export const labelMinute = (s: string) => {
  const [h, m] = s.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};
