"use client";

import Form from "next/form";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { filtersToParams, hasFilters, viewHref, type BoardFilters, type BoardView } from "@/lib/board/filters";
import { BOARD_KINDS } from "@/lib/board/kinds";
import type { BoardKind, BoardMember, PipelineOption } from "@/lib/board/types";

const fieldClass = cn(inputClass, "py-1.5");

/** Pipeline switcher, board/table switch and the filters, all kept in the URL. */
export function BoardToolbar({
  kind,
  pipelines,
  pipelineId,
  view,
  filters,
  members,
}: {
  kind: BoardKind;
  pipelines: PipelineOption[];
  pipelineId: string;
  view: BoardView;
  filters: BoardFilters;
  members: BoardMember[];
}) {
  const info = BOARD_KINDS[kind];
  const router = useRouter();
  const id = useId();
  const active = members.filter((m) => m.isActive || m.id === filters.owner);
  return (
    <div className="mb-3 space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={`${id}-pipeline`} className="block text-xs font-medium text-slate-700">
            Pipeline
          </label>
          <select
            id={`${id}-pipeline`}
            value={pipelineId}
            onChange={(e) => router.push(viewHref(info.path, e.target.value, view, filters))}
            className={cn(fieldClass, "min-w-48")}
          >
            {pipelines.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
                {p.isDefault ? " (default)" : ""}
              </option>
            ))}
          </select>
        </div>
        <nav aria-label="View" className="flex rounded-md bg-white p-0.5 ring-1 ring-slate-300">
          {(["board", "table"] as const).map((v) => (
            <Link
              key={v}
              href={viewHref(info.path, pipelineId, v, filters)}
              aria-current={v === view ? "page" : undefined}
              className={cn("rounded px-3 py-1 text-sm font-medium capitalize", v === view ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100")}
            >
              {v}
            </Link>
          ))}
        </nav>
      </div>
      <Form key={filtersToParams(filters).toString()} action={info.path} aria-label={`Filter ${info.plural}`} className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="pipeline" value={pipelineId} />
        {view === "table" ? <input type="hidden" name="view" value="table" /> : null}
        <div>
          <label htmlFor={`${id}-q`} className="block text-xs font-medium text-slate-700">
            Search {info.plural}
          </label>
          <input id={`${id}-q`} type="search" name="q" defaultValue={filters.q ?? ""} className={cn(fieldClass, "w-52")} />
        </div>
        <div>
          <label htmlFor={`${id}-owner`} className="block text-xs font-medium text-slate-700">
            Owner
          </label>
          <select id={`${id}-owner`} name="owner" defaultValue={filters.owner ?? ""} className={cn(fieldClass, "w-44")}>
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
          <label htmlFor={`${id}-tag`} className="block text-xs font-medium text-slate-700">
            Tag
          </label>
          <input id={`${id}-tag`} name="tag" defaultValue={filters.tag ?? ""} className={cn(fieldClass, "w-32")} />
        </div>
        {kind === "DEAL" ? (
          <fieldset className="flex items-end gap-1.5">
            <legend className="sr-only">Close date</legend>
            <div>
              <label htmlFor={`${id}-from`} className="block text-xs font-medium text-slate-700">
                Closes from
              </label>
              <input id={`${id}-from`} type="date" name="closeFrom" defaultValue={filters.closeFrom ?? ""} className={cn(fieldClass, "w-40")} />
            </div>
            <div>
              <label htmlFor={`${id}-to`} className="block text-xs font-medium text-slate-700">
                to
              </label>
              <input id={`${id}-to`} type="date" name="closeTo" defaultValue={filters.closeTo ?? ""} className={cn(fieldClass, "w-40")} />
            </div>
          </fieldset>
        ) : null}
        <Button type="submit" variant="secondary" size="sm" className="py-1.5">
          Apply filters
        </Button>
        {hasFilters(filters) ? (
          <Link href={viewHref(info.path, pipelineId, view, {})} className="py-1.5 text-sm font-medium text-brand-700 hover:underline">
            Clear filters
          </Link>
        ) : null}
      </Form>
    </div>
  );
}
