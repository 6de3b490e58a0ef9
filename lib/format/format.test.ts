import { describe, expect, it } from "vitest";
import { formatDateTime, formatDay, formatFull, formatMonth, formatRelative, formatWhen, RECENT_MS } from "./dates";
import { formatDays, formatDuration } from "./durations";
import { ENUM_LABELS, fieldLabel, fieldList, humanize, labelFor } from "./labels";
import { fitMoney, formatCount, formatMoney, formatPercent, hasCents } from "./money";
import * as E from "@/db/schema/enums";

// Intl separators: narrow no-break space before AM/PM and in some currencies' groups.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

describe("money", () => {
  it.each([
    ["48000.00", "USD", "en-US", "$48,000"],
    ["48000", "USD", "en-US", "$48,000"],
    ["48000.5", "USD", "en-US", "$48,000.50"],
    ["48000.05", "USD", "en-US", "$48,000.05"],
    ["-1200.00", "USD", "en-US", "-$1,200"],
    ["48000.00", "EUR", "de-DE", "48.000 €"],
    ["48000.50", "EUR", "de-DE", "48.000,50 €"],
    ["48000.00", "EUR", "en-US", "€48,000"],
    ["1234567.00", "JPY", "ja-JP", "￥1,234,567"],
    ["48000.00", "GBP", "en-GB", "£48,000"],
  ])("%s %s in %s reads %s: the record's currency, cents only when present", (amount, currency, locale, text) => {
    expect(plain(formatMoney(amount, currency, { locale }))).toBe(text);
  });

  it("without a currency it is a plain number; with a code Intl does not know, the code follows", () => {
    expect(formatMoney("48000.00", null, { locale: "en-US" })).toBe("48,000");
    expect(formatMoney("48000.25", null, { locale: "en-US" })).toBe("48,000.25");
    expect(formatMoney("48000.00", "XY1", { locale: "en-US" })).toBe("48,000 XY1");
    expect(formatMoney("not a number", "USD")).toBe("not a number");
  });

  it("knows when an amount has cents", () => {
    expect([hasCents("12"), hasCents("12.00"), hasCents("12.0"), hasCents("12.50"), hasCents("0.01")]).toEqual([false, false, false, true, true]);
  });

  it("compact only when the exact amount does not fit, and then the exact amount is kept for the title", () => {
    expect(fitMoney("8214500.00", "USD", 12, "en-US")).toEqual({ text: "$8,214,500", exact: "$8,214,500", compacted: false });
    const long = fitMoney("1234567890.00", "USD", 12, "en-US");
    expect(long).toEqual({ text: "$1.235B", exact: "$1,234,567,890", compacted: true });
  });

  it("a $48,000 move changes a column total visibly: exact totals, not '$8M' before and after", () => {
    const before = fitMoney("8214500.00", "USD", 12, "en-US").text;
    const after = fitMoney("8166500.00", "USD", 12, "en-US").text;
    expect(before).not.toBe(after);
    // and even compacted, four significant digits show the change
    expect(formatMoney("8214500", "USD", { locale: "en-US", compact: true })).toBe("$8.215M");
    expect(formatMoney("8166500", "USD", { locale: "en-US", compact: true })).toBe("$8.167M");
  });

  it("counts and percents follow the locale", () => {
    expect(formatCount(12345, "en-US")).toBe("12,345");
    expect(formatCount(12345, "de-DE")).toBe("12.345");
    expect(formatPercent("0.2500", "en-US")).toBe("25%");
    expect(formatPercent(0.333, "en-US")).toBe("33.3%");
  });
});

describe("dates", () => {
  const at = "2027-01-31T14:04:05Z";

  it("a calendar day is the same day in every zone", () => {
    expect(formatDay("2027-01-31", { locale: "en-US", timeZone: "Pacific/Honolulu" })).toBe("Jan 31, 2027");
    expect(formatDay("2027-01-31", { locale: "en-US", timeZone: "Asia/Tokyo" })).toBe("Jan 31, 2027");
    expect(formatDay("2027-01-31", { locale: "de-DE" })).toBe("31.01.2027");
    expect(formatMonth("2027-01", "en-US")).toBe("January 2027");
  });

  it("an instant is shown in the reader's locale and time zone", () => {
    expect(plain(formatDateTime(at, { locale: "en-US", timeZone: "UTC" }))).toBe("Jan 31, 2027, 2:04 PM");
    expect(plain(formatDateTime(at, { locale: "en-US", timeZone: "America/New_York" }))).toBe("Jan 31, 2027, 9:04 AM");
    expect(formatDateTime(at, { locale: "de-DE", timeZone: "Europe/Berlin" })).toBe("31.01.2027, 15:04");
  });

  it("precise adds seconds and the zone; the tooltip has the full date, time and zone", () => {
    expect(plain(formatDateTime(at, { locale: "en-US", timeZone: "UTC", precise: true }))).toBe("Jan 31, 2027, 2:04:05 PM UTC");
    expect(plain(formatFull(at, { locale: "en-US", timeZone: "Europe/Berlin" }))).toBe("Sunday, January 31, 2027 at 3:04:05 PM GMT+1");
    expect(formatFull("2027-01-31", { locale: "en-US", timeZone: "Asia/Tokyo" })).toBe("Sunday, January 31, 2027");
  });

  const now = Date.parse(at);
  const ago = (ms: number) => new Date(now - ms);
  it.each([
    [0, "just now"],
    [44_000, "just now"],
    [46_000, "1 minute ago"],
    [3 * 60_000, "3 minutes ago"],
    [44 * 60_000, "44 minutes ago"],
    [50 * 60_000, "1 hour ago"],
    [5 * 3_600_000, "5 hours ago"],
    [23 * 3_600_000, "yesterday"],
    [3 * 86_400_000, "3 days ago"],
    [-2 * 3_600_000, "in 2 hours"],
  ])("%i ms ago reads %s (never '0 seconds ago')", (ms, text) => {
    expect(formatRelative(ago(ms), now, "en-US")).toBe(text);
  });

  it("relative only for recent instants; older ones are absolute", () => {
    expect(formatRelative(ago(RECENT_MS - 1000), now, "en-US")).toBe("7 days ago");
    expect(formatRelative(ago(RECENT_MS), now, "en-US")).toBeNull();
    expect(plain(formatWhen(ago(RECENT_MS), { now, locale: "en-US", timeZone: "UTC" }))).toBe("Jan 24, 2027, 2:04 PM");
    expect(formatWhen(ago(5_000), { now, locale: "en-US" })).toBe("just now");
    expect(formatRelative(ago(3 * 60_000), now, "de-DE")).toBe("vor 3 Minuten");
  });
});

describe("durations", () => {
  it.each([
    [850, "850 ms"],
    [42_000, "42 sec"],
    [12 * 60_000, "12 min"],
    [65 * 60_000, "1 hr 5 min"],
    [2 * 3_600_000, "2 hr"],
    [119.9 * 60_000, "2 hr"],
    [3.25 * 86_400_000, "3.3 days"],
    [86_400_000, "1 day"],
  ])("%i ms reads %s", (ms, text) => {
    expect(plain(formatDuration(ms, "en-US"))).toBe(text);
  });

  it("days in stage: minutes and hours below a day", () => {
    expect(formatDays(0.02, "en-US")).toBe("29 min");
    expect(formatDays(0, "en-US")).toBe("1 min");
    expect(formatDays(0.5, "en-US")).toBe("12 hr");
    expect(formatDays(3.25, "en-US")).toBe("3.3 days");
    expect(formatDuration(-1)).toBe("—");
  });
});

const ACRONYMS = new Set(["API", "URL"]);

describe("labels", () => {
  it("every value of every schema enum has a sentence-case label (acronyms aside)", () => {
    for (const [name, table] of Object.entries(ENUM_LABELS)) {
      const values = (E as unknown as Record<string, readonly string[]>)[name]!;
      expect(Object.keys(table), name).toEqual(expect.arrayContaining([...values]));
      for (const v of values) {
        const label = (table as Record<string, string>)[v]!;
        if (ACRONYMS.has(label)) continue;
        expect(label, `${name}.${v}`).not.toMatch(/^[A-Z0-9_]+$|_|^[a-z]/);
      }
    }
  });

  it("labelFor reads the enum's table and never returns a raw value", () => {
    expect(labelFor("PIPELINE_MOVEMENT_MODES", "ENFORCED")).toBe("Enforced");
    expect(labelFor("PIPELINE_STAGE_STATES", "IN_PROGRESS")).toBe("In progress");
    expect(labelFor("TENANT_ROLES", "sales_rep")).toBe("Sales rep");
    expect(labelFor("PRIORITIES", "medium")).toBe("Medium");
    expect(labelFor("DEAL_STATUSES", "won")).toBe("Won");
    expect(labelFor("PRIORITIES", "SOME_NEW_VALUE")).toBe("Some new value");
    expect(labelFor("PRIORITIES", "constructor")).toBe("Constructor");
    expect(labelFor("PRIORITIES", null)).toBe("—");
  });

  it("field keys read as labels", () => {
    expect(fieldLabel("closeDate")).toBe("Close date");
    expect(fieldLabel("lostReason")).toBe("Lost reason");
    expect(fieldLabel("ownedByUserId")).toBe("Owner");
    expect(fieldLabel("assignedUserId")).toBe("Assignee");
    expect(fieldLabel("name", "DEAL")).toBe("Deal name");
    expect(fieldLabel("name", "COMPANY")).toBe("Name");
    expect(fieldLabel("customFields.contract_value")).toBe("Contract value");
    expect(fieldLabel("customFields.budget", "DEAL", { budget: "Budget (USD)" })).toBe("Budget (USD)");
    expect(fieldList(["amount", "closeDate"], "DEAL", "en-US")).toBe("Amount and Close date");
    expect(humanize("DONE_FAILED")).toBe("Done failed");
  });
});
