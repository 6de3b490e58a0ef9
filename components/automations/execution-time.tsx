"use client";

// When an execution ran, to the second and with its time zone: runs a second apart are told
// apart, and nobody wonders whose clock it is. The server does not know the reader's zone:
// it prints UTC, and the browser re-renders in its own zone, named. (Issue 13 item 5 brings
// one formatting module; this is the small local form until it lands.)
import { format } from "date-fns";
import { useIsClient } from "@/components/timeline/local-time";

const pad = (n: number) => String(n).padStart(2, "0");

/** UTC, to the second: the same on the server and in the browser (labels, first render). */
export function formatExecutionTime(d: Date | string | null | undefined): string {
  if (!d) return "—";
  const t = new Date(d);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())} UTC`;
}

/** The browser's own zone, named the short way ("GMT+1", "EST", "UTC"). */
function localWithZone(d: Date): string {
  const zone = new Intl.DateTimeFormat(undefined, { timeZoneName: "short" }).formatToParts(d).find((p) => p.type === "timeZoneName")?.value ?? "";
  return `${format(d, "yyyy-MM-dd HH:mm:ss")} ${zone}`.trim();
}

export function ExecutionTime({ at }: { at: Date | string | null | undefined }) {
  const isClient = useIsClient();
  if (!at) return <>—</>;
  const d = new Date(at);
  const utc = formatExecutionTime(d);
  return (
    <time dateTime={d.toISOString()} title={utc}>
      {isClient ? localWithZone(d) : utc}
    </time>
  );
}
