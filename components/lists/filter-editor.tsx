"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { previewFilterAction } from "@/lib/lists/actions";
import { FilterBuilder, type FilterField, type FilterValueOptions } from "@/components/filter-builder";
import type { FilterGroup } from "@/lib/filters/schema";
import type { FilterPreview } from "@/lib/lists/queries";
import { actionMessage } from "@/lib/action-result";
import { formatCount } from "@/lib/views/count";
import { LIST_OBJECT_TYPES, type ListObjectTypeValue } from "./labels";

type Issue = { path: string; message: string };
type PreviewState = { status: "loading" } | { status: "ok"; preview: FilterPreview } | { status: "invalid"; errors: Issue[] } | { status: "failed"; message: string };

const PREVIEW_DELAY_MS = 400;

/**
 * What a filter matches right now, checked as saving would check it (unknown fields,
 * lists of another workspace...). Debounced; only the latest answer is shown.
 */
function usePreview(objectType: ListObjectTypeValue, filter: FilterGroup, listId: string | null, refreshKey: unknown): PreviewState {
  const [state, setState] = useState<PreviewState>({ status: "loading" });
  const latest = useRef(0);
  const key = JSON.stringify(filter);
  useEffect(() => {
    const ticket = ++latest.current;
    const timer = setTimeout(async () => {
      setState({ status: "loading" });
      const r = await previewFilterAction({ objectType, filter: JSON.parse(key) as unknown, listId }).catch(() => null);
      if (ticket !== latest.current) return;
      const d = r?.data;
      if (!d) setState({ status: "failed", message: (r && actionMessage(r)) ?? "The preview could not be loaded" });
      else if (d.ok) setState({ status: "ok", preview: d.preview });
      else setState({ status: "invalid", errors: d.errors });
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [objectType, key, listId, refreshKey]);
  return state;
}

/**
 * The list's filter, edited with the shared FilterBuilder, with a live count and the first
 * matching records as you edit; errors (from the preview or from saving) on the exact
 * condition, and listed below too.
 */
export function ListFilterEditor({
  objectType,
  fields,
  options,
  value,
  onChange,
  errors,
  listId = null,
  refreshKey,
}: {
  objectType: ListObjectTypeValue;
  fields: FilterField[];
  options?: FilterValueOptions;
  value: FilterGroup;
  onChange: (v: FilterGroup) => void;
  errors: Issue[];
  listId?: string | null;
  /** Changes when the records may have changed (the list's members did): the preview is fetched again. */
  refreshKey?: string | number;
}) {
  const preview = usePreview(objectType, value, listId, refreshKey);
  const type = LIST_OBJECT_TYPES.find((t) => t.value === objectType);
  const shown = preview.status === "invalid" ? preview.errors : errors;
  return (
    <div className="space-y-2">
      <FilterBuilder objectType={objectType} fields={fields} value={value} onChange={onChange} errors={shown} options={options} label="List filter" empty="No conditions yet: the list has no members until its filter has one." />
      {shown.length > 0 ? (
        <ul role="alert" className="space-y-0.5 rounded-md bg-red-50 p-2 text-sm text-red-700">
          {shown.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              <code className="text-xs">{e.path}</code>: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      <section aria-label="Preview" className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
        <p role="status" aria-live="polite" className="font-medium text-slate-700" data-testid="filter-preview-count">
          {preview.status === "loading"
            ? "Counting matches…"
            : preview.status === "ok"
              ? preview.preview.count.count === 1 && !preview.preview.count.capped
                ? `1 ${type?.singular ?? "record"} matches now`
                : `${formatCount(preview.preview.count)} ${type?.label.toLowerCase() ?? "records"} match now`
              : preview.status === "invalid"
                ? "Fix the conditions marked above to see the matches."
                : preview.message}
        </p>
        {preview.status === "ok" && preview.preview.sample.length > 0 ? (
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-slate-600" aria-label="First matches">
            {preview.preview.sample.map((r) => (
              <li key={r.id}>
                {r.href ? (
                  <Link href={r.href} className="text-brand-700 hover:underline" target="_blank">
                    {r.title}
                  </Link>
                ) : (
                  r.title
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}
