// The execution log's filters in the URL (status, time range, automation, record, page),
// so a filtered log can be shared by link. The page checks the values against the REST
// query schema and says when it had to ignore some; the filter form writes them.
import { createLoader, createSerializer, parseAsString } from "nuqs/server";

export const executionUrlParsers = {
  status: parseAsString,
  range: parseAsString,
  automationId: parseAsString,
  entityType: parseAsString,
  entityId: parseAsString,
  /** The picked record's title, shown in the form without a lookup. */
  record: parseAsString,
  cursor: parseAsString,
};

export const loadExecutionUrl = createLoader(executionUrlParsers);
export const executionUrl = createSerializer(executionUrlParsers);
