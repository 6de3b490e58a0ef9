"use client";

import { Rows2, Rows4 } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { useBoardDensity } from "./use-board-density";

/**
 * Wraps the board: compact density narrows the columns and tightens the cards through the
 * `group/board` data attribute (board-column.tsx and board-card.tsx read it).
 */
export function BoardDensityFrame({ userId, children }: { userId: string; children: React.ReactNode }) {
  const [density] = useBoardDensity(userId);
  return (
    // The board fills the window under the one-row header (board.tsx sizes it for a taller one).
    <div className="group/board [&_[data-testid=board]]:h-[calc(100dvh-10rem)]" data-density={density} data-testid="board-frame">
      {children}
    </div>
  );
}

/** Comfortable / compact switch for the board's cards. */
export function DensityToggle({ userId }: { userId: string }) {
  const [density, setDensity] = useBoardDensity(userId);
  const options = [
    { value: "comfortable", label: "Comfortable", Icon: Rows2 },
    { value: "compact", label: "Compact", Icon: Rows4 },
  ] as const;
  return (
    <div role="radiogroup" aria-label="Card density" className="flex rounded-md bg-white p-0.5 ring-1 ring-slate-300">
      {options.map(({ value, label, Icon }) => (
        <button
          key={value}
          type="button"
          role="radio"
          aria-checked={density === value}
          aria-label={label}
          title={label}
          onClick={() => setDensity(value)}
          className={cn("rounded p-1", density === value ? "bg-brand-600 text-white" : "text-slate-600 hover:bg-slate-100")}
        >
          <Icon className="size-4" aria-hidden />
        </button>
      ))}
    </div>
  );
}
