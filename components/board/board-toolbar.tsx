"use client";

import { ChevronDown, Filter as FilterIcon, Search } from "lucide-react";
import Form from "next/form";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { FILTER_KEYS, filtersToParams, hasFilters, viewHref, type BoardFilters, type BoardView } from "@/lib/board/filters";
import { BOARD_KINDS } from "@/lib/board/kinds";
import type { BoardKind, BoardMember, PipelineOption } from "@/lib/board/types";
import { DensityToggle } from "./board-density";

const fieldClass = cn(inputClass, "py-1");
const labelClass = "block text-xs font-medium text-slate-700";

/**
 * The board's header in one row: title, pipeline switcher, board/table switch, search and
 * the other filters behind a "Filters" button (all kept in the URL), and on the board the
 * density switch. The table view brings its own search, filter and columns.
 */
export function BoardToolbar({
  kind,
  title,
  mode,
  pipelines,
  pipelineId,
  view,
  filters,
  members,
  userId,
  extra,
}: {
  kind: BoardKind;
  title: string;
  /** The pipeline's movement mode in a word, with its meaning on hover. */
  mode?: { label: string; description: string };
  pipelines: PipelineOption[];
  pipelineId: string;
  view: BoardView;
  filters: BoardFilters;
  members: BoardMember[];
  userId: string;
  /** More of the header's row, after the filters (the board's "As of…"). */
  extra?: ReactNode;
}) {
  const info = BOARD_KINDS[kind];
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const filtersRef = useRef<HTMLDivElement>(null);
  // the open filters close on a click elsewhere, like a menu
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!filtersRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onDown);
    return () => document.removeEventListener("pointerdown", onDown);
  }, [open]);
  const active = members.filter((m) => m.isActive || m.id === filters.owner);
  const moreFilters = FILTER_KEYS.filter((k) => k !== "q" && filters[k]).length;
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2">
      <h1 className="mr-1 text-xl font-semibold tracking-tight">{title}</h1>
      <label htmlFor={`${id}-pipeline`} className="sr-only">
        Pipeline
      </label>
      <select
        id={`${id}-pipeline`}
        value={pipelineId}
        onChange={(e) => router.push(viewHref(info.path, e.target.value, view, view === "board" ? filters : {}))}
        className={cn(fieldClass, "w-auto max-w-56")}
      >
        {pipelines.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
            {p.isDefault ? " (default)" : ""}
          </option>
        ))}
      </select>
      {mode ? (
        <span title={mode.description} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">
          {mode.label}
          <span className="sr-only">: {mode.description}</span>
        </span>
      ) : null}
      <nav aria-label="View" className="flex rounded-md bg-white p-0.5 ring-1 ring-slate-300">
        {(["board", "table"] as const).map((v) => (
          <Link
            key={v}
            href={viewHref(info.path, pipelineId, v, v === "board" ? filters : {})}
            aria-current={v === view ? "page" : undefined}
            className={cn("rounded px-2.5 py-0.5 text-sm font-medium capitalize", v === view ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100")}
          >
            {v}
          </Link>
        ))}
      </nav>
      {kind === "LEAD" ? (
        <Link href="/leads/duplicates" className="text-sm font-medium text-brand-700 underline">
          Duplicates
        </Link>
      ) : null}
      {view === "board" ? (
        <div ref={filtersRef}>
        <Form
          key={filtersToParams(filters).toString()}
          action={info.path}
          aria-label={`Filter ${info.plural}`}
          className="relative flex items-center gap-2"
          onKeyDown={(e) => {
            if (e.key === "Escape" && open) setOpen(false);
          }}
        >
          <input type="hidden" name="pipeline" value={pipelineId} />
          <div className="relative">
            <Search className="pointer-events-none absolute left-2 top-1.5 size-4 text-slate-400" aria-hidden />
            <label htmlFor={`${id}-q`} className="sr-only">
              Search {info.plural}
            </label>
            <input id={`${id}-q`} type="search" name="q" defaultValue={filters.q ?? ""} placeholder={`Search ${info.plural}…`} className={cn(fieldClass, "w-48 pl-7")} />
          </div>
          <Button variant={moreFilters ? "primary" : "secondary"} size="sm" aria-expanded={open} aria-controls={`${id}-more`} onClick={() => setOpen((o) => !o)}>
            <FilterIcon className="size-4" aria-hidden />
            {moreFilters ? `Filters (${moreFilters})` : "Filters"}
            <ChevronDown className="size-3.5" aria-hidden />
          </Button>
          {/* kept in the form while closed, so a search submitted by Enter keeps the other filters */}
          <div id={`${id}-more`} hidden={!open} className="absolute left-0 top-full z-30 mt-1 w-80 space-y-3 rounded-md border border-slate-200 bg-white p-3 shadow-lg">
            <div>
              <label htmlFor={`${id}-owner`} className={labelClass}>
                Owner
              </label>
              <select id={`${id}-owner`} name="owner" defaultValue={filters.owner ?? ""} className={fieldClass}>
                <option value="">Anyone</option>
                <option value="me">Me</option>
                {active.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={`${id}-tag`} className={labelClass}>
                Tag
              </label>
              <input id={`${id}-tag`} name="tag" defaultValue={filters.tag ?? ""} className={fieldClass} />
            </div>
            {kind === "DEAL" ? (
              <fieldset className="flex gap-2">
                <legend className="sr-only">Close date</legend>
                <div className="flex-1">
                  <label htmlFor={`${id}-from`} className={labelClass}>
                    Closes from
                  </label>
                  <input id={`${id}-from`} type="date" name="closeFrom" defaultValue={filters.closeFrom ?? ""} className={fieldClass} />
                </div>
                <div className="flex-1">
                  <label htmlFor={`${id}-to`} className={labelClass}>
                    to
                  </label>
                  <input id={`${id}-to`} type="date" name="closeTo" defaultValue={filters.closeTo ?? ""} className={fieldClass} />
                </div>
              </fieldset>
            ) : null}
            {kind === "LEAD" ? (
              <div>
                <label htmlFor={`${id}-score`} className={labelClass}>
                  Score at least
                </label>
                <input id={`${id}-score`} type="number" min={0} max={100} step={1} name="scoreMin" defaultValue={filters.scoreMin ?? ""} className={fieldClass} />
              </div>
            ) : null}
            <div className="flex items-center gap-3 border-t border-slate-100 pt-2">
              <Button type="submit" size="sm">
                Apply filters
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setOpen(false)}>
                Close
              </Button>
            </div>
          </div>
        </Form>
        </div>
      ) : null}
      {view === "board" && hasFilters(filters) ? (
        <Link href={viewHref(info.path, pipelineId, view, {})} className="text-sm font-medium text-brand-700 hover:underline">
          Clear filters
        </Link>
      ) : null}
      {extra}
      {view === "board" ? (
        <div className="ml-auto">
          <DensityToggle userId={userId} />
        </div>
      ) : null}
    </div>
  );
}
