"use client";
// A chart with its figures: the picture (hidden from screen readers), a table view of the
// same rows behind a toggle, and a CSV download of them (issue 18: every chart has both).
import { Download, Table2 } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { figureCsv, type FigureColumn, type FigureRow } from "@/lib/analytics/csv";

export function ChartFigure({
  title,
  fileName,
  columns,
  rows,
  children,
  rowHref,
  chartClassName = "h-64",
  actions,
  showTable = false,
  bare = false,
}: {
  title: string;
  fileName: string;
  columns: readonly FigureColumn[];
  rows: readonly FigureRow[];
  children: React.ReactNode;
  /** A row's records (a dashboard widget's drill-down): its first cell links there. */
  rowHref?: (index: number) => string | null;
  /** The picture's box (height). */
  chartClassName?: string;
  /** More buttons beside Table and CSV. */
  actions?: React.ReactNode;
  /** The table shows from the start (a table widget), with no picture. */
  showTable?: boolean;
  /** No border of its own (inside a widget card). */
  bare?: boolean;
}) {
  const [table, setTable] = useState(showTable);
  const tableId = useId();
  const download = () => {
    const url = URL.createObjectURL(new Blob([`\uFEFF${figureCsv(columns, rows)}`], { type: "text/csv;charset=utf-8" }));
    const a = Object.assign(document.createElement("a"), { href: url, download: `${fileName}.csv` });
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <figure className={bare ? "flex h-full flex-col" : "rounded-lg border border-slate-200 bg-white p-4"}>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <figcaption className="text-sm font-semibold text-slate-800">{title}</figcaption>
        <div className="flex flex-wrap gap-1">
          {actions}
          {showTable ? null : (
            <Button size="sm" variant="ghost" aria-expanded={table} aria-controls={tableId} onClick={() => setTable((v) => !v)} aria-label={`${table ? "Hide" : "Show"} table: ${title}`}>
              <Table2 className="size-4" aria-hidden /> {table ? "Hide table" : "Table"}
            </Button>
          )}
          <Button size="sm" variant="ghost" onClick={download} aria-label={`Download CSV: ${title}`}>
            <Download className="size-4" aria-hidden /> CSV
          </Button>
        </div>
      </div>
      {showTable && table ? null : (
        <div aria-hidden className={`${chartClassName} w-full`}>
          {children}
        </div>
      )}
      <div id={tableId} hidden={!table} className="mt-3 overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-600">
              {columns.map((c) => (
                <th key={c.key} scope="col" className="py-1 pr-3 font-medium">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} className="border-b border-slate-100">
                {columns.map((c, j) =>
                  j === 0 ? (
                    <th key={c.key} scope="row" className="py-1 pr-3 font-normal">
                      {rowHref?.(i) ? (
                        <a href={rowHref(i)!} className="text-brand-700 underline">
                          {r[c.key] ?? "—"}
                        </a>
                      ) : (
                        (r[c.key] ?? "—")
                      )}
                    </th>
                  ) : (
                    <td key={c.key} className="py-1 pr-3 tabular-nums">
                      {r[c.key] ?? "—"}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
