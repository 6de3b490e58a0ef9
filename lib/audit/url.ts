// The audit log page's filters in the URL (user, action, record, dates, page), so a
// filtered log can be shared by link and exported as CSV with the same selection.
import { createLoader, createSerializer, parseAsString } from "nuqs/server";

export const auditUrlParsers = {
  actorUserId: parseAsString,
  action: parseAsString,
  recordType: parseAsString,
  recordId: parseAsString,
  /** The picked record's title, shown in the form without a lookup. */
  record: parseAsString,
  from: parseAsString,
  to: parseAsString,
  cursor: parseAsString,
};

export const loadAuditUrl = createLoader(auditUrlParsers);
export const auditUrl = createSerializer(auditUrlParsers);

/** The URL's values that GET /audit-log's query schema reads (the record only with its type). */
export function auditQueryOf(url: Record<keyof typeof auditUrlParsers, string | null>) {
  const { record: _r, ...rest } = url;
  const q = Object.fromEntries(Object.entries(rest).filter(([, v]) => v)) as Record<string, string>;
  if (!q.recordId) delete q.recordType;
  return q;
}
