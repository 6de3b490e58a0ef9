import { X } from "lucide-react";
import { cn } from "@/components/ui/cn";

const DEFAULT = "#64748b";
const safeColor = (c: string | null | undefined) => (c && /^#[0-9a-fA-F]{6}$/.test(c) ? c : DEFAULT);

/**
 * A tag as a pill: a dot and a tint of the tag's colour, dark text (readable whatever
 * the colour). With onRemove it carries a remove button named after the tag.
 */
export function TagBadge({ name, color, onRemove, className }: { name: string; color?: string | null; onRemove?: () => void; className?: string }) {
  const c = safeColor(color);
  return (
    <span
      className={cn("inline-flex max-w-full items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium text-slate-800 ring-1 ring-inset", className)}
      style={{ backgroundColor: `${c}1f`, ["--tw-ring-color" as string]: `${c}59` }}
    >
      <span aria-hidden className="size-2 shrink-0 rounded-full" style={{ backgroundColor: c }} />
      <span className="truncate">{name}</span>
      {onRemove ? (
        <button type="button" onClick={onRemove} aria-label={`Remove tag ${name}`} className="-mr-1 rounded-full p-0.5 text-slate-500 hover:bg-black/10 hover:text-slate-900">
          <X className="size-3" aria-hidden />
        </button>
      ) : null}
    </span>
  );
}

/** Names → badges, coloured from the tenant's tags (unknown names get the default colour). */
export function TagList({ names, colors, className }: { names: readonly string[]; colors?: ReadonlyMap<string, string>; className?: string }) {
  if (names.length === 0) return null;
  return (
    <span className={cn("inline-flex flex-wrap gap-1", className)}>
      {names.map((n) => (
        <TagBadge key={n} name={n} color={colors?.get(n)} />
      ))}
    </span>
  );
}
