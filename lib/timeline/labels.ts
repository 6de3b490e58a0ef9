// Words for fields and values in the timeline and in notifications. Client-safe, pure.
import { formatDateTime, formatDay } from "@/lib/format/dates";
import { labelFor, type EnumName } from "@/lib/format/labels";
import { formatMoney, formatPercent } from "@/lib/format/money";

export { fieldLabel } from "@/lib/format/labels";

/** Fields whose stored values are enum values, shown by their labels. */
const ENUM_FIELDS: Record<string, EnumName> = { priority: "PRIORITIES", dealType: "DEAL_TYPES", status: "DEAL_STATUSES" };
const MONEY_FIELDS = new Set(["amount", "annualRevenue"]);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One stored value as people read it, by its field: days and instants as dates, amounts grouped, enums by label. */
function shown(v: unknown, field: string | undefined): string {
  if (typeof v === "string") {
    if (field && ENUM_FIELDS[field]) return labelFor(ENUM_FIELDS[field], v);
    if (field && MONEY_FIELDS.has(field)) return formatMoney(v, null);
    if (field === "forecastProbability") return formatPercent(v);
    if (DAY.test(v)) return formatDay(v);
    // the server and the hydrating browser must agree: instants in changes are shown in UTC
    if (INSTANT.test(v) && !Number.isNaN(Date.parse(v))) return `${formatDateTime(v, { timeZone: "UTC" })} UTC`;
  }
  if (typeof v === "boolean") return v ? "Yes" : "No";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

/** A stored value as short text: "(empty)" for nothing, lists joined, objects as JSON; `field` picks the format. */
export function valueText(v: unknown, max = 80, field?: string): string {
  if (v === null || v === undefined || v === "") return "(empty)";
  const s = Array.isArray(v) ? v.map((x) => shown(x, field)).join(", ") || "(empty)" : shown(v, field);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

const ACTIVITY_NOUN: Record<string, string> = { CALL: "call", EMAIL: "email", MEETING: "meeting", NOTE: "note", TASK: "task" };
export const activityNoun = (type: string) => ACTIVITY_NOUN[type] ?? "activity";
