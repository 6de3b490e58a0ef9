// Table rows → CSV text (papaparse), with the same cells the table shows. Pure.
// Cells that a spreadsheet would run as a formula (=, +, -, @, tab or CR first) are escaped.
import Papa from "papaparse";
import type { TableColumn } from "@/lib/views/columns";
import type { CellValue, TableRow } from "@/lib/views/project";

/** One cell as CSV text: links by their label, tags joined by "; ", money with its currency. */
export function cellText(value: CellValue | undefined): string | number {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.join("; ");
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "object") return "href" in value ? value.label : value.currency ? `${value.amount} ${value.currency}` : value.amount;
  return value;
}

export const CSV_ID_HEADER = "ID";

/**
 * A text cell a spreadsheet may run as a formula: one that starts with = + - @ tab or CR,
 * whatever follows. papaparse's own `escapeFormulae: true` pattern ends in `.*$`, which
 * fails at a line break, so "=HYPERLINK(...)\nx" went out unescaped.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as written before its formula escape: "'=x" → "=x" (an import of our own export). */
export const unescapeFormula = (text: string): string => (text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text);

/** CSV lines for rows: the record id, then the columns in order. `header` adds the label row. */
export function rowsToCsv(columns: readonly TableColumn[], rows: readonly TableRow[], header: boolean): string {
  const fields = [CSV_ID_HEADER, ...columns.map((c) => c.label)];
  const data = rows.map((r) => [r.id, ...columns.map((c) => cellText(r.cells[c.id]))]);
  if (!header && data.length === 0) return "";
  const text = Papa.unparse({ fields, data }, { header, newline: "\r\n", escapeFormulae: FORMULA_START });
  return text ? `${text}\r\n` : "";
}
