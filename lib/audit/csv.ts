// Audit entries → CSV (papaparse), cells a spreadsheet would run as formulas escaped. Pure.
import Papa from "papaparse";
import { FORMULA_START } from "@/lib/export/csv";
import type { AuditOut } from "./queries";

export const AUDIT_CSV_FIELDS = ["At", "Action", "User", "API key", "Record type", "Record ID", "Changes", "IP"] as const;

/** `names`: user and API key ids → names, for the people reading the file. */
export function auditToCsv(rows: readonly AuditOut[], names: ReadonlyMap<string, string>, header: boolean): string {
  const name = (id: string | null) => (id ? (names.get(id) ?? id) : "");
  const data = rows.map((r) => [r.at.toISOString(), r.action, name(r.actorUserId), name(r.actorApiKeyId), r.recordType ?? "", r.recordId ?? "", r.changes ? JSON.stringify(r.changes) : "", r.ip ?? ""]);
  if (!header && data.length === 0) return "";
  const text = Papa.unparse({ fields: [...AUDIT_CSV_FIELDS], data }, { header, newline: "\r\n", escapeFormulae: FORMULA_START });
  return text ? `${text}\r\n` : "";
}
