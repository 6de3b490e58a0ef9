import { cn } from "@/components/ui/cn";
import type { LiveStatus } from "@/components/live/live-events";

/** Whether other users' moves show up on their own: a dot and a label in the board's corner (taking no room from it), also announced politely. */
export function LiveStatusIndicator({ live }: { live: LiveStatus }) {
  const on = live === "live";
  return (
    <p className="pointer-events-none absolute bottom-3 right-3 z-10 flex items-center gap-1.5 rounded-full bg-white/95 px-2 py-0.5 text-xs text-slate-700 shadow-sm ring-1 ring-slate-200" aria-live="polite" data-live={on ? "on" : "off"} data-testid="live-status">
      <span aria-hidden className={cn("size-2 rounded-full", on ? "bg-green-600" : live === "offline" ? "bg-slate-400" : "bg-amber-500")} />
      {on ? "Live updates on" : live === "offline" ? "Live updates off" : "Connecting to live updates…"}
    </p>
  );
}
