import { cn } from "./cn";

/**
 * Preformatted text (a request, a payload) in a box that scrolls: focusable, so keyboard
 * users can scroll it too (axe scrollable-region-focusable).
 */
export function CodeBlock({ className, children }: { className?: string; children: React.ReactNode }) {
  return (
    <pre
      tabIndex={0}
      className={cn("overflow-auto rounded bg-slate-50 font-mono text-xs text-slate-800 focus-visible:outline-2 focus-visible:outline-brand-600", className)}
    >
      {children}
    </pre>
  );
}
