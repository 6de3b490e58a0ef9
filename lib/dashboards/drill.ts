// From a widget's bar or slice to the matching records (pure, client-safe): the widget's
// filter and period with the row's group keys as conditions of the shared filter JSON, as a
// link to the record table that reads its filter from the URL (?filter=, lib/views/url-state.ts).
import { filterParam } from "@/lib/views/url-state";
import type { FilterCondition, FilterGroup, FilterNode } from "@/lib/filters/schema";
import { zonedDayOf, zonedDayStart } from "@/lib/workspace/zone";
import { nextBucketDay, presetDays, type GroupBy, type WidgetQuery, type WidgetRecordType } from "./schemas";

const OWNER: Record<WidgetRecordType, string> = { contacts: "ownedByUserId", companies: "ownedByUserId", leads: "ownedByUserId", deals: "ownedByUserId", activities: "createdByUserId" };
const GROUP: Record<WidgetRecordType, string> = { contacts: "ownedByGroupId", companies: "ownedByGroupId", leads: "ownedByGroupId", deals: "ownedByGroupId", activities: "assignedGroupId" };
/** The `date`-typed columns (calendar days, not instants). */
const DAY_FIELDS = new Set(["closeDate"]);

const instant = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** Conditions for "the date field is in [fromDay, toExclusiveDay)" of the zone. */
function dayRange(field: string, from: string, toExclusive: string, timeZone: string): FilterCondition[] {
  if (DAY_FIELDS.has(field)) return [{ field, op: "gte", value: from }, { field, op: "lt", value: toExclusive }];
  return [{ field, op: "gte", value: instant(zonedDayStart(from, timeZone)) }, { field, op: "lt", value: instant(zonedDayStart(toExclusive, timeZone)) }];
}

function keyConditions(rt: WidgetRecordType, g: GroupBy, key: string | null, timeZone: string, multi: boolean): FilterCondition[] {
  const eqOrEmpty = (field: string): FilterCondition[] => [key === null ? { field, op: "isEmpty" } : { field, op: "eq", value: key }];
  switch (g.by) {
    case "owner":
      return eqOrEmpty(OWNER[rt]);
    case "group":
      return eqOrEmpty(GROUP[rt]);
    case "stage":
      return eqOrEmpty("stageId");
    case "pipeline":
      return eqOrEmpty("pipelineId");
    case "source":
      return eqOrEmpty("source");
    case "dealType":
      return eqOrEmpty("dealType");
    case "activityType":
      return eqOrEmpty("activityType");
    case "tag":
      return [key === null ? { field: "tags", op: "isEmpty" } : { field: "tags", op: "hasAny", value: [key] }];
    case "custom":
      if (multi) return [key === null ? { field: g.field!, op: "isEmpty" } : { field: g.field!, op: "hasAny", value: [key] }];
      return eqOrEmpty(g.field!);
    case "date":
      if (key === null) return [{ field: g.field!, op: "isEmpty" }];
      return dayRange(g.field!, key, nextBucketDay(key, g.bucket ?? "month"), timeZone);
  }
}

/**
 * The filter of a row's records. `multiSelect`: the custom group-by fields that are
 * MULTI_SELECT (matched with hasAny rather than eq).
 */
export function drillFilter(q: WidgetQuery, row: { key1: string | null; key2: string | null }, timeZone: string, now: Date, multiSelect: ReadonlySet<string> = new Set()): FilterGroup {
  const all: FilterNode[] = [];
  if (q.filter) all.push(q.filter);
  if (q.period) {
    const d = presetDays(q.period.preset, zonedDayOf(now, timeZone));
    all.push(...dayRange(q.period.field, d.from, d.toExclusive, timeZone));
  }
  q.groupBy.forEach((g, i) => all.push(...keyConditions(q.recordType, g, i === 0 ? row.key1 : row.key2, timeZone, !!g.field && multiSelect.has(g.field))));
  return { all };
}

/** Where a filter's records are listed: the contacts and companies tables, or the deals / leads table across pipelines; activities have none. */
export function drillHref(rt: WidgetRecordType, filter: FilterGroup): string | null {
  if (rt === "activities") return null;
  const base = rt === "contacts" || rt === "companies" ? `/${rt}` : `/dashboards/records/${rt}`;
  const f = filterParam(filter);
  return f ? `${base}?${new URLSearchParams({ filter: f }).toString()}` : base;
}
