"use client";

// A record table for any kind (contacts, companies; leads, deals and tickets by passing
// their data and actions): keyset-paged rows from the server, virtualized; search, filter,
// sort and visible columns in the URL; saved views; selection with bulk actions and CSV.
import { useQueryClient } from "@tanstack/react-query";
import { Download, Filter as FilterIcon, Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useState } from "react";
import { toast } from "sonner";
import { countConditions, fieldLabel, type FilterField, type FilterValueOptions } from "@/components/filter-builder";
import { Button } from "@/components/ui/button";
import { useSameValue } from "@/components/ui/use-same-value";
import { cn } from "@/components/ui/cn";
import { allOf, type FilterGroup } from "@/lib/filters/schema";
import { DEFAULT_COLUMNS, serializeColumns, type TableColumn } from "@/lib/views/columns";
import { formatCount } from "@/lib/views/count";
import { formatCount as formatNumberCount } from "@/lib/format/money";
import { filterParam, stableJson, tableQueryString } from "@/lib/views/url-state";
import { BulkBar } from "./bulk-bar";
import { ColumnChooser } from "./column-chooser";
import { FilterPanel } from "./filter-panel";
import { actionData } from "@/lib/action-result";
import { SavedViews, type SavedViewItem } from "./saved-views";
import { NO_SELECTION, selectedCount, selectionInput, headerState, type Selection } from "./selection";
import { TableGrid, type SortState } from "./table-grid";
import { TableStageCell } from "@/components/record/table-stage-cell";
import type { TableRow } from "@/lib/views/project";
import type { DataTableProps } from "./types";
import { useTableNav } from "./use-table-nav";
import { tableKeys, useTableRows } from "./use-table-rows";

const DEFAULT_SORT: SortState = { field: "createdAt", dir: "desc" };
const TEXT_KINDS = new Set(["title", "text", "email", "url"]);

function parseSort(sort: string | null): SortState {
  const m = sort ? /^([a-zA-Z]+):(asc|desc)$/.exec(sort) : null;
  return m ? { field: m[1]!, dir: m[2] as "asc" | "desc" } : DEFAULT_SORT;
}

export function DataTable({ data, actions, plural, extraBulkActions, hrefBase, emptyState, stageCell: stageCellProp }: DataTableProps) {
  const kind = data.kind;
  // the same objects across refreshes, so the cells' renderers (and a dialog open in a cell) survive one
  const stageCell = useSameValue(stageCellProp);
  const columns = useSameValue(data.columns);
  const state = useSameValue(data.state);
  const router = useRouter();
  const queryClient = useQueryClient();
  const nav = useTableNav(kind, state);
  const query = useTableRows(data, actions);
  const rows = useMemo(() => query.data.pages.flatMap((p) => p.rows), [query.data]);
  const renderStageCell = useMemo(() => {
    if (!stageCell) return undefined;
    return function StageCell(column: TableColumn, row: TableRow) {
      if (column.kind !== "stage" || !row.stageId) return undefined;
      const title = Object.values(row.cells).find((v) => v && typeof v === "object" && "href" in v && v.href.endsWith(`/${row.id}`));
      return (
        <TableStageCell
          {...stageCell}
          id={row.id}
          title={title && typeof title === "object" && "label" in title ? title.label : plural}
          currentStageId={row.stageId}
          onMoved={() => void queryClient.invalidateQueries({ queryKey: tableKeys.kind(kind) })}
        />
      );
    };
  }, [stageCell, plural, queryClient, kind]);
  const count = query.data.pages[0]?.count ?? { count: rows.length, capped: false };
  const sort = parseSort(state.sort);
  const filterPanelId = useId();

  const byId = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  const visible = useMemo(() => state.cols.map((id) => byId.get(id)).filter((c): c is TableColumn => !!c), [state.cols, byId]);

  // Selection belongs to one result set: a new search, filter or sort starts empty.
  const stateKey = JSON.stringify(state);
  const [sel, setSel] = useState<{ key: string; selection: Selection }>({ key: stateKey, selection: NO_SELECTION });
  const selection = sel.key === stateKey ? sel.selection : NO_SELECTION;
  const setSelection = (s: Selection) => setSel({ key: stateKey, selection: s });

  // Quick search: typed text goes to the URL after a pause.
  const [q, setQ] = useState(state.q);
  const [sentQ, setSentQ] = useState(state.q);
  const [seenQ, setSeenQ] = useState(state.q);
  if (seenQ !== state.q) {
    setSeenQ(state.q);
    if (state.q !== sentQ) setQ(state.q); // a view, Back or a link changed it
  }
  const { go } = nav;
  useEffect(() => {
    if (q.trim() === state.q) return;
    const t = setTimeout(() => {
      setSentQ(q.trim());
      go({ q: q.trim() }, "replace");
    }, 300);
    return () => clearTimeout(t);
  }, [q, state.q, go]);

  const [filterOpen, setFilterOpen] = useState(data.urlProblems.filter.length > 0);
  const fields: FilterField[] = useMemo(() => data.fields.map((f) => ({ ...f, label: fieldLabel(f.path, { customFields: data.customFields }) })), [data.fields, data.customFields]);
  const options: FilterValueOptions = useMemo(
    () => ({ users: data.users.filter((u) => u.isActive), groups: data.groups, tags: data.tags, lists: data.lists, customFields: data.customFields }),
    [data.users, data.groups, data.tags, data.lists, data.customFields],
  );

  const viewParams = (v: { sort: string | null; filter: unknown; cols: string[] }) =>
    tableQueryString({ sort: v.sort, filter: filterParam(v.filter), cols: v.cols.length ? serializeColumns(kind, v.cols) : null });
  // the view whose sort, filter and columns are what the table shows (filters compared by value)
  const sameAs = (v: SavedViewItem) =>
    (v.sort ?? null) === (state.sort ?? null) &&
    stableJson(filterParam(v.filter) ? v.filter : null) === stableJson(state.filter) &&
    (v.columns.length ? v.columns : DEFAULT_COLUMNS[kind]).join(",") === state.cols.join(",");
  const activeView = data.views.find(sameAs);
  const hrefOfView = (v: SavedViewItem) => {
    const query = viewParams({ sort: v.sort, filter: v.filter, cols: v.columns });
    if (!hrefBase) return `/${data.collection}${query}`;
    return query ? `${hrefBase}${hrefBase.includes("?") ? "&" : "?"}${query.slice(1)}` : hrefBase;
  };

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: tableKeys.kind(kind) });
  };
  const total = count.count;
  const ids = rows.map((r) => r.id);
  const allLoadedSelected = headerState(selection, ids) === "all";
  const nSelected = selectedCount(selection, total);
  const countLabel = selection.mode === "all" ? formatCount(count) : formatNumberCount(nSelected);
  // what the rows, the bulk actions and the export apply: the user's filter within the base filter
  const effective = { q: state.q, filter: allOf(data.baseFilter, state.filter) };
  const exportQuery = tableQueryString({ q: state.q, sort: state.sort, filter: filterParam(effective.filter), cols: state.cols.join(",") });

  return (
    <div className="space-y-3">
      {data.urlProblems.messages.map((m) => (
        <p key={m} role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 ring-1 ring-inset ring-amber-200">
          {m}
        </p>
      ))}
      <div className="flex flex-wrap items-center gap-2">
        <div className="relative w-full max-w-xs">
          <Search className="pointer-events-none absolute left-2.5 top-2 size-4 text-slate-400" aria-hidden />
          <input
            type="search"
            aria-label={`Quick search in ${plural}`}
            placeholder={`Search ${plural}…`}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            maxLength={200}
            className="w-full rounded-md border border-slate-300 bg-white py-1.5 pl-8 pr-3 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500"
          />
        </div>
        <Button size="sm" variant={state.filter ? "primary" : "secondary"} aria-expanded={filterOpen} aria-controls={filterPanelId} onClick={() => setFilterOpen((o) => !o)}>
          <FilterIcon className="size-4" aria-hidden />
          {state.filter ? `Filter (${countConditions(state.filter)})` : "Filter"}
        </Button>
        <ColumnChooser columns={data.columns} visible={state.cols} onChange={(cols) => nav.go({ cols: serializeColumns(kind, cols) })} onReset={() => nav.go({ cols: null })} />
        {data.baseFilter && !hrefBase ? null : (
          <SavedViews
            views={data.views}
            activeId={activeView?.id ?? null}
            hrefOf={hrefOfView}
            canShare={data.can.shareViews}
            groups={data.groups}
            saveView={(input) => actions.saveView({ ...input, filter: state.filter ?? undefined, sort: state.sort, columns: state.cols })}
            onSaved={(name) => {
              toast.success(`Saved view "${name.trim()}"`);
              router.refresh();
            }}
            onDelete={async (v) => {
              try {
                await actionData(actions.deleteView({ id: v.id }));
                toast.success(`Deleted view "${v.name}"`);
                router.refresh();
                return true;
              } catch (e) {
                toast.error(e instanceof Error ? e.message : String(e));
                return false;
              }
            }}
          />
        )}
        <a href={`/api/export/${data.collection}${exportQuery}`} download className="inline-flex items-center gap-1.5 rounded-md px-2.5 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100">
          <Download className="size-4" aria-hidden /> Export CSV
        </a>
        <p className="ml-auto text-sm text-slate-600" role="status" aria-live="polite">
          {nav.pending ? "Loading… " : ""}
          <span data-testid="table-count">{formatCount(count)}</span> {count.count === 1 && !count.capped ? data.singular : plural}
        </p>
      </div>

      {filterOpen ? (
        <FilterPanel
          key={JSON.stringify(state.filter)}
          id={filterPanelId}
          objectType={kind}
          fields={fields}
          options={options}
          customFields={data.customFields}
          applied={state.filter}
          initialDraft={data.urlProblems.filterDraft}
          initialErrors={data.urlProblems.filter}
          onApply={(f: FilterGroup | null) => nav.go({ filter: filterParam(f) })}
          onClose={() => setFilterOpen(false)}
        />
      ) : null}

      {nSelected > 0 ? (
        <>
          {allLoadedSelected && (selection.mode === "all" || count.capped || total > rows.length) ? (
            <p className="text-sm text-slate-700" role="status">
              {selection.mode === "all" ? (
                <>
                  All {formatCount(count)} matching {plural} are selected.{" "}
                  <button type="button" className="font-medium text-brand-700 underline" onClick={() => setSelection(NO_SELECTION)}>
                    Clear selection
                  </button>
                </>
              ) : (
                <>
                  All {formatNumberCount(rows.length)} loaded {plural} are selected.{" "}
                  <button type="button" className="font-medium text-brand-700 underline" onClick={() => setSelection({ mode: "all" })}>
                    Select all {formatCount(count)} matching {plural}
                  </button>
                </>
              )}
            </p>
          ) : null}
          <BulkBar
            data={data}
            actions={actions}
            plural={plural}
            countLabel={countLabel}
            selection={selectionInput(selection, effective)}
            extra={extraBulkActions?.({
              selection: selectionInput(selection, effective),
              onDone: () => {
                setSelection(NO_SELECTION);
                refresh();
              },
            })}
            exportFields={{ cols: state.cols.join(","), ...(state.sort ? { sort: state.sort } : {}) }}
            onChanged={refresh}
            onDeleted={() => {
              setSelection(NO_SELECTION);
              refresh();
            }}
            onClear={() => setSelection(NO_SELECTION)}
          />
        </>
      ) : null}

      <TableGrid
        columns={visible}
        rows={rows}
        sort={sort}
        onSort={(col) => {
          const field = col.sortField!;
          const dir = sort.field === field ? (sort.dir === "asc" ? "desc" : "asc") : TEXT_KINDS.has(col.kind) ? "asc" : "desc";
          nav.go({ sort: `${field}:${dir}` });
        }}
        selection={selection}
        onSelectionChange={setSelection}
        selectable
        totalRows={count.capped ? null : total}
        empty={!state.q && !state.filter ? emptyState : undefined}
        renderCell={renderStageCell}
        hasNextPage={query.hasNextPage}
        isFetchingNextPage={query.isFetchingNextPage}
        fetchNextPage={() => void query.fetchNextPage()}
        plural={plural}
        busy={nav.pending || (query.isFetching && !query.isFetchingNextPage)}
      />
      <div className="flex items-center justify-between text-sm text-slate-600">
        <span>
          Showing {formatNumberCount(rows.length)} of {formatCount(count)}
        </span>
        {query.hasNextPage ? (
          <Button size="sm" variant="secondary" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        ) : null}
      </div>
      {query.isError ? (
        <p role="alert" className={cn("rounded-md bg-red-50 p-2 text-sm text-red-700")}>
          {query.error instanceof Error ? query.error.message : "Could not load more rows"}
        </p>
      ) : null}
    </div>
  );
}
