// Counts on a table are exact up to COUNT_CAP and "10,000+" beyond: the server counts at
// most COUNT_CAP + 1 rows (`select count(*) from (select 1 ... limit 10001)`), so a count
// never walks a million rows. Pure.
import { formatCount as formatNumberCount } from "@/lib/format/money";

export const COUNT_CAP = 10_000;

export interface CappedCount {
  /** min(real count, cap) */
  count: number;
  /** true when there are more than `count` rows */
  capped: boolean;
}

/** The result of counting with `limit cap + 1`. */
export function cappedCount(counted: number, cap = COUNT_CAP): CappedCount {
  return counted > cap ? { count: cap, capped: true } : { count: counted, capped: false };
}

/** "1,234", or "10,000+" when capped. */
export function formatCount(c: CappedCount): string {
  return `${formatNumberCount(c.count)}${c.capped ? "+" : ""}`;
}
