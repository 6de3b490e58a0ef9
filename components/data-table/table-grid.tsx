"use client";

// The rows of a record table: a real <table> whose body is virtualized (only the rows in
// view, plus a few, are in the DOM; spacer rows keep the scroll height), sortable column
// headers with aria-sort, checkboxes for selection (Shift extends a range), and more rows
// loaded by keyset cursor as the end comes into view.
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { useEffect, useMemo, useRef } from "react";
import { cn } from "@/components/ui/cn";
import type { TableColumn } from "@/lib/views/columns";
import type { TableRow } from "@/lib/views/project";
import { Cell } from "./cells";
import { headerState, isSelected, setRows, type Selection } from "./selection";

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, TableRow>();
export const ROW_HEIGHT = 41;

export interface SortState {
  field: string;
  dir: "asc" | "desc";
}

function HeaderCheckbox({ state, onChange, plural }: { state: "all" | "some" | "none"; onChange: (on: boolean) => void; plural: string }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === "some";
  }, [state]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label={`Select all loaded ${plural}`}
      className="size-4 rounded border-slate-300"
      checked={state === "all"}
      onChange={(e) => onChange(e.target.checked)}
    />
  );
}

export function TableGrid({
  columns,
  rows,
  sort,
  onSort,
  selection,
  onSelectionChange,
  selectable,
  totalRows,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
  plural,
  busy,
  empty,
  renderCell,
}: {
  columns: TableColumn[];
  rows: TableRow[];
  sort: SortState;
  onSort: (column: TableColumn) => void;
  selection: Selection;
  onSelectionChange: (next: Selection) => void;
  selectable: boolean;
  /** Exact total for aria-rowcount, or null when only "10,000+" is known. */
  totalRows: number | null;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  plural: string;
  busy: boolean;
  /** What an empty table says instead of "No <plural> match." */
  empty?: React.ReactNode;
  /** A cell of the page's own (e.g. a pipeline table's stage select); undefined: the column kind's cell. */
  renderCell?: (column: TableColumn, row: TableRow) => React.ReactNode | undefined;
}) {
  const defs = useMemo(
    () =>
      columns.map((col) =>
        helper.display({ id: col.id, header: col.label, cell: (info) => renderCell?.(col, info.row.original) ?? <Cell column={col} value={info.row.original.cells[col.id]} /> }),
      ),
    [columns, renderCell],
  );
  const table = useTable({ features, columns: defs, data: rows, getRowId: (r) => r.id });
  const modelRows = table.getRowModel().rows;
  const ids = useMemo(() => rows.map((r) => r.id), [rows]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const lastChecked = useRef<number | null>(null);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in this render only
  const virtualizer = useVirtualizer({
    count: modelRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (i) => modelRows[i]?.id ?? i,
    // lets the server render the first screen of rows before the browser measures
    initialRect: { width: 1200, height: 640 },
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= modelRows.length - 15) fetchNextPage();
  }, [lastIndex, modelRows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const span = columns.length + (selectable ? 1 : 0);
  const check = (index: number, on: boolean, shift: boolean) => {
    const from = shift && lastChecked.current !== null ? Math.min(lastChecked.current, index) : index;
    const to = shift && lastChecked.current !== null ? Math.max(lastChecked.current, index) : index;
    onSelectionChange(setRows(selection, ids.slice(from, to + 1), on, ids));
    lastChecked.current = index;
  };

  return (
    <div ref={scrollRef} className={cn("relative max-h-[calc(100vh-15rem)] overflow-auto rounded-lg border border-slate-200 bg-white", busy && "opacity-70")} aria-busy={busy || undefined}>
      <table className="w-full border-separate border-spacing-0 text-sm" aria-rowcount={totalRows === null ? -1 : totalRows + 1}>
        <caption className="sr-only">{plural}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1}>
              {selectable ? (
                <th scope="col" className="sticky top-0 z-10 w-10 border-b border-slate-200 bg-slate-50 px-3 py-2 text-left">
                  <HeaderCheckbox state={headerState(selection, ids)} plural={plural} onChange={(on) => onSelectionChange(setRows(selection, ids, on, ids))} />
                </th>
              ) : null}
              {group.headers.map((header) => {
                const col = columns.find((c) => c.id === header.column.id)!;
                const sorted = col.sortField === sort.field ? sort.dir : null;
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={col.sortField ? (sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none") : undefined}
                    className="sticky top-0 z-10 whitespace-nowrap border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600"
                  >
                    {col.sortField ? (
                      <button type="button" onClick={() => onSort(col)} className="-mx-1 inline-flex items-center gap-1 rounded px-1 uppercase hover:bg-slate-200 hover:text-slate-900">
                        <table.FlexRender header={header} />
                        {sorted === "asc" ? <ArrowUp className="size-3.5" aria-hidden /> : sorted === "desc" ? <ArrowDown className="size-3.5" aria-hidden /> : <ArrowUpDown className="size-3.5 text-slate-400" aria-hidden />}
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {modelRows.length === 0 ? (
            <tr>
              <td colSpan={span} className="px-3 py-10 text-center text-slate-500">
                {empty ?? `No ${plural} match.`}
              </td>
            </tr>
          ) : null}
          {padTop > 0 ? (
            <tr aria-hidden="true">
              <td colSpan={span} style={{ height: padTop, padding: 0 }} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = modelRows[item.index]!;
            const selected = isSelected(selection, row.id);
            const title = row.original.cells.name;
            const name = title && typeof title === "object" && "label" in title ? title.label : row.id;
            return (
              <tr key={row.id} aria-rowindex={item.index + 2} data-selected={selected || undefined} className={cn("group", selected ? "bg-brand-50" : "hover:bg-slate-50")} style={{ height: ROW_HEIGHT }}>
                {selectable ? (
                  <td className="border-b border-slate-100 px-3">
                    <input
                      type="checkbox"
                      aria-label={`Select ${name}`}
                      className="size-4 rounded border-slate-300"
                      checked={selected}
                      onChange={(e) => check(item.index, e.target.checked, (e.nativeEvent as MouseEvent).shiftKey === true)}
                    />
                  </td>
                ) : null}
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className="max-w-72 truncate whitespace-nowrap border-b border-slate-100 px-3">
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            );
          })}
          {padBottom > 0 ? (
            <tr aria-hidden="true">
              <td colSpan={span} style={{ height: padBottom, padding: 0 }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
