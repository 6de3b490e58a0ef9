import { ArrowDown, ArrowUp } from "lucide-react";
import { Button } from "./button";

/** "Move up" and "Move down" for the item at `index` of `count` (ordered settings: pipelines, fields, workflow steps). */
export function MoveButtons({ name, index, count, disabled = false, onMove }: { name: string; index: number; count: number; disabled?: boolean; onMove: (by: -1 | 1) => void }) {
  return (
    <>
      <Button size="sm" variant="ghost" aria-label={`Move ${name} up`} disabled={index === 0 || disabled} onClick={() => onMove(-1)}>
        <ArrowUp className="size-4" aria-hidden />
      </Button>
      <Button size="sm" variant="ghost" aria-label={`Move ${name} down`} disabled={index === count - 1 || disabled} onClick={() => onMove(1)}>
        <ArrowDown className="size-4" aria-hidden />
      </Button>
    </>
  );
}
