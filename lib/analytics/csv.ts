// A chart's figures as CSV (pure, client-safe): the same rows its table view shows, with
// cells a spreadsheet would run as a formula escaped (lib/export/csv.ts).
import Papa from "papaparse";
import { FORMULA_START } from "@/lib/export/csv";

export interface FigureColumn {
  key: string;
  label: string;
}

export type FigureRow = Record<string, string | number | null>;

export function figureCsv(columns: readonly FigureColumn[], rows: readonly FigureRow[]): string {
  return Papa.unparse({ fields: columns.map((c) => c.label), data: rows.map((r) => columns.map((c) => r[c.key] ?? "")) }, { newline: "\r\n", escapeFormulae: FORMULA_START });
}
