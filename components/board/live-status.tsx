import { cn } from "@/components/ui/cn";
import type { LiveStatus } from "@/components/live/live-events";

/** Whether other users' moves show up on their own: a dot and a label, also announced politely. */
export function LiveStatusIndicator({ live }: { live: LiveStatus }) {
  const on = live === "live";
  return (
    <p className="mb-2 flex items-center justify-end gap-1.5 text-xs text-slate-600" aria-live="polite" data-live={on ? "on" : "off"} data-testid="live-status">
      <span aria-hidden className={cn("size-2 rounded-full", on ? "bg-green-600" : live === "offline" ? "bg-slate-400" : "bg-amber-500")} />
      {on ? "Live updates on" : live === "offline" ? "Live updates off" : "Connecting to live updates…"}
    </p>
  );
}
