// Dashboards and widget definitions (issue 18; API-ADDITIONS.md "Dashboards"): the shapes,
// checked with zod. Pure and client-safe. Whether a definition's fields exist for its record
// type (and the tenant's custom fields) is decided server-side by checkWidgetQuery (query.ts).
import { addMonths, format, parseISO, startOfMonth, startOfQuarter, startOfYear } from "date-fns";
import { z } from "zod";
import { shiftDay } from "@/lib/days";
import { formatDay } from "@/lib/format/dates";
import { filterSchema } from "@/lib/filters/schema";

export const WIDGET_RECORD_TYPES = ["contacts", "companies", "leads", "deals", "activities"] as const;
export type WidgetRecordType = (typeof WIDGET_RECORD_TYPES)[number];
export const OBJECT_TYPE_OF = { contacts: "CONTACT", companies: "COMPANY", leads: "LEAD", deals: "DEAL", activities: "ACTIVITY" } as const;

/** Charts of a record query; "quota" is the team's quota attainment (no query). */
export const QUERY_CHARTS = ["kpi", "bar", "stackedBar", "line", "funnel", "pie", "table"] as const;
export type QueryChart = (typeof QUERY_CHARTS)[number];
export const CHART_LABELS: Record<QueryChart | "quota", string> = {
  kpi: "KPI (one number)",
  bar: "Bar",
  stackedBar: "Stacked bar",
  line: "Line",
  funnel: "Funnel",
  pie: "Pie",
  table: "Table",
  quota: "Quota attainment",
};

export const MEASURE_FNS = ["count", "sum", "avg", "min", "max", "weighted"] as const;
export type MeasureFn = (typeof MEASURE_FNS)[number];

export const GROUP_BYS = ["owner", "group", "stage", "pipeline", "source", "tag", "dealType", "activityType", "date", "custom"] as const;
export type GroupByKind = (typeof GROUP_BYS)[number];
export const DATE_BUCKETS = ["day", "week", "month", "quarter"] as const;
export type DateBucket = (typeof DATE_BUCKETS)[number];

export const PERIOD_PRESETS = ["thisMonth", "lastMonth", "thisQuarter", "lastQuarter", "thisYear", "last7Days", "last30Days", "last90Days", "last365Days"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export const PERIOD_LABELS: Record<PeriodPreset, string> = {
  thisMonth: "This month",
  lastMonth: "Last month",
  thisQuarter: "This quarter",
  lastQuarter: "Last quarter",
  thisYear: "This year",
  last7Days: "Last 7 days",
  last30Days: "Last 30 days",
  last90Days: "Last 90 days",
  last365Days: "Last 365 days",
};

const fieldName = z.string().min(1).max(80).regex(/^[a-zA-Z][a-zA-Z0-9_.]*$/, { message: "must be a field path" });

export const groupBySchema = z.strictObject({
  by: z.enum(GROUP_BYS),
  /** `date`: the date field; `custom`: customFields.<key> of a SELECT or MULTI_SELECT field. */
  field: fieldName.optional(),
  /** `date` only; default month. */
  bucket: z.enum(DATE_BUCKETS).optional(),
});
export type GroupBy = z.infer<typeof groupBySchema>;

export const measureSchema = z.strictObject({
  fn: z.enum(MEASURE_FNS),
  /** sum / avg / min / max: a number or money field (or customFields.<key> of a NUMBER field). */
  field: fieldName.optional(),
});
export type Measure = z.infer<typeof measureSchema>;

export const widgetQuerySchema = z.strictObject({
  recordType: z.enum(WIDGET_RECORD_TYPES),
  /** Filter JSON (API.md "Filter JSON") of the record type; null: every record. */
  filter: filterSchema.nullish(),
  /** Only records whose date `field` falls in the preset period (whole days of the workspace's time zone). */
  period: z.strictObject({ field: fieldName, preset: z.enum(PERIOD_PRESETS) }).nullish(),
  measure: measureSchema,
  groupBy: z.array(groupBySchema).max(2).default([]),
});
export type WidgetQuery = z.infer<typeof widgetQuerySchema>;
export type WidgetQueryInput = z.input<typeof widgetQuerySchema>;

export const widgetDefinitionSchema = z.discriminatedUnion("chart", [
  z.strictObject({ chart: z.literal("quota") }),
  z.strictObject({ chart: z.enum(QUERY_CHARTS), query: widgetQuerySchema }),
]);
export type WidgetDefinition = z.infer<typeof widgetDefinitionSchema>;

export const WIDGET_SIZES = { small: { width: 1, height: 1 }, medium: { width: 2, height: 1 }, wide: { width: 4, height: 1 }, tall: { width: 2, height: 2 } } as const;
export type WidgetSizeName = keyof typeof WIDGET_SIZES;
export const sizeNameOf = (w: { width: number; height: number }): WidgetSizeName | null =>
  (Object.entries(WIDGET_SIZES).find(([, s]) => s.width === w.width && s.height === w.height)?.[0] as WidgetSizeName | undefined) ?? null;

export const widgetInputSchema = z.strictObject({
  title: z.string().trim().min(1).max(120),
  definition: widgetDefinitionSchema,
  width: z.number().int().min(1).max(4).default(2),
  height: z.number().int().min(1).max(2).default(1),
});
export type WidgetInput = z.input<typeof widgetInputSchema>;
/** No defaults: what is left out stays as it is. */
export const widgetPatchSchema = z.strictObject({ title: widgetInputSchema.shape.title, definition: widgetDefinitionSchema, width: z.number().int().min(1).max(4), height: z.number().int().min(1).max(2) }).partial();

export const DASHBOARD_VISIBILITIES = ["private", "workspace"] as const;
const dashboardFields = {
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(500).nullish(),
  visibility: z.enum(DASHBOARD_VISIBILITIES),
};
export const dashboardInputSchema = z.strictObject({ ...dashboardFields, visibility: dashboardFields.visibility.default("private") });
export type DashboardInput = z.input<typeof dashboardInputSchema>;
/** No defaults: what is left out stays as it is. */
export const dashboardPatchSchema = z.strictObject(dashboardFields).partial();

/** The whole order of a dashboard's widgets (ids, first to last). */
export const widgetOrderSchema = z.strictObject({ widgetIds: z.array(z.uuid()).max(100) });

/** The first day of a bucket's next bucket (YYYY-MM-DD), for a bucket starting on `day`. */
export function nextBucketDay(day: string, bucket: DateBucket): string {
  if (bucket === "day") return shiftDay(day, 1);
  if (bucket === "week") return shiftDay(day, 7);
  return format(addMonths(parseISO(day), bucket === "month" ? 1 : 3), "yyyy-MM-dd");
}

/** A bucket's label: "Mar 2, 2026" (day), "Week of Mar 2, 2026", "Mar 2026" (month), "2026 Q1". */
export function bucketLabel(day: string, bucket: DateBucket): string {
  if (bucket === "day") return formatDay(day);
  if (bucket === "week") return `Week of ${formatDay(day)}`;
  if (bucket === "month") return format(parseISO(day), "MMM yyyy");
  return `${day.slice(0, 4)} Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** A preset as whole days [from, toExclusive) counted from `today` (YYYY-MM-DD in the workspace's zone). */
export function presetDays(preset: PeriodPreset, today: string): { from: string; toExclusive: string } {
  const d = parseISO(today);
  const day = (x: Date) => format(x, "yyyy-MM-dd");
  const tomorrow = shiftDay(today, 1);
  switch (preset) {
    case "thisMonth":
      return { from: day(startOfMonth(d)), toExclusive: day(addMonths(startOfMonth(d), 1)) };
    case "lastMonth":
      return { from: day(addMonths(startOfMonth(d), -1)), toExclusive: day(startOfMonth(d)) };
    case "thisQuarter":
      return { from: day(startOfQuarter(d)), toExclusive: day(addMonths(startOfQuarter(d), 3)) };
    case "lastQuarter":
      return { from: day(addMonths(startOfQuarter(d), -3)), toExclusive: day(startOfQuarter(d)) };
    case "thisYear":
      return { from: day(startOfYear(d)), toExclusive: day(addMonths(startOfYear(d), 12)) };
    case "last7Days":
      return { from: shiftDay(today, -6), toExclusive: tomorrow };
    case "last30Days":
      return { from: shiftDay(today, -29), toExclusive: tomorrow };
    case "last90Days":
      return { from: shiftDay(today, -89), toExclusive: tomorrow };
    case "last365Days":
      return { from: shiftDay(today, -364), toExclusive: tomorrow };
  }
}
