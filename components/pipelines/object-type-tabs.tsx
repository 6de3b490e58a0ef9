import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { OBJECT_TYPES, type ObjectType } from "./labels";

/** One link per object type; the URL (?type=) holds the choice, so it survives reloads and back. */
export function ObjectTypeTabs({ current }: { current: ObjectType }) {
  return (
    <nav aria-label="Pipeline object types" className="mb-4 border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-1">
        {OBJECT_TYPES.map((t) => {
          const active = t.value === current;
          return (
            <li key={t.value}>
              <Link
                href={`/settings/pipelines?type=${t.value}`}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-block border-b-2 px-3 py-2 text-sm font-medium",
                  active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
                )}
              >
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
