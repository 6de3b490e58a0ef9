// Money as decimal strings (numeric(18,2) arrives as text), added and weighted exactly with
// a decimal library, so optimistic totals and report sums match the server's to the cent.
// Shown to people through lib/format/money.ts.
import Decimal from "decimal.js-light";

/** Enough digits for numeric(18,2) sums times four-decimal probabilities, never rounded on the way. */
const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/** A decimal string; blank (no amount) counts as 0. */
const money = (amount: string | null | undefined) => new Money(amount?.trim() || 0);

/** a + b, to the cent. */
export const addMoney = (a: string | null | undefined, b: string | null | undefined): string => money(a).plus(money(b)).toFixed(2);

/** −a, to the cent. */
export const negateMoney = (a: string | null | undefined): string => money(a).negated().toFixed(2);

/** amount × probability (a decimal string in [0, 1]), rounded half up to cents. */
export const weightedAmount = (amount: string | null | undefined, probability: string): string => money(amount).times(money(probability)).toFixed(2);
