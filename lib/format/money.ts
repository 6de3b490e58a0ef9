// Money as people read it: Intl in the reader's locale, the record's own currency, cents
// only when the amount has them. Amounts arrive as decimal strings (numeric(18,2)).
// Pure, client-safe; components/ui/money.tsx adds the exact value on hover.

export interface MoneyFormat {
  /** BCP 47 locale; undefined = the runtime's (the browser's in client code). */
  locale?: string;
  /** "$8.25M": only where space demands it, and always with the exact value beside it (a title). */
  compact?: boolean;
}

/** Whether a decimal string has a non-zero fraction ("12.50" yes, "12.00" and "12" no). */
export const hasCents = (amount: string): boolean => /\.\d*[1-9]/.test(amount);

function currencyFormat(locale: string | undefined, currency: string, options: Intl.NumberFormatOptions): Intl.NumberFormat | null {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency, ...options });
  } catch {
    return null; // not an ISO 4217 code Intl knows
  }
}

/**
 * "48000.00" USD → "$48,000"; "48000.5" → "$48,000.50"; EUR in de-DE → "48.000 €".
 * Without a currency the plain number; an unknown code follows the number.
 */
export function formatMoney(amount: string | number, currency: string | null | undefined, opts: MoneyFormat = {}): string {
  const text = typeof amount === "number" ? String(amount) : amount.trim();
  const n = Number(text);
  if (text === "" || !Number.isFinite(n)) return typeof amount === "string" ? amount : String(amount);
  const cents = hasCents(text);
  const options: Intl.NumberFormatOptions = opts.compact
    ? { notation: "compact", maximumSignificantDigits: 4 }
    : cents
      ? {}
      : { minimumFractionDigits: 0, maximumFractionDigits: 0 };
  const fmt = currency ? currencyFormat(opts.locale, currency, options) : null;
  if (fmt) return fmt.format(n);
  const plain = new Intl.NumberFormat(opts.locale, opts.compact ? options : { minimumFractionDigits: cents ? 2 : 0, maximumFractionDigits: cents ? 2 : 0 }).format(n);
  return currency ? `${plain} ${currency}` : plain;
}

/**
 * The text for a place that holds about `maxChars` characters: exact when it fits, compact
 * otherwise; `exact` is always the full amount (for the title).
 */
export function fitMoney(amount: string, currency: string | null | undefined, maxChars: number, locale?: string): { text: string; exact: string; compacted: boolean } {
  const exact = formatMoney(amount, currency, { locale });
  if (exact.length <= maxChars) return { text: exact, exact, compacted: false };
  return { text: formatMoney(amount, currency, { locale, compact: true }), exact, compacted: true };
}

/**
 * The locale of text rendered before the browser says its own: on the server and while
 * hydrating (components/ui/use-reader.ts), and for counts in strings built outside React.
 */
export const APP_LOCALE = "en-US";

/** A count: "12,345". */
export const formatCount = (n: number, locale: string = APP_LOCALE): string => new Intl.NumberFormat(locale).format(n);

/** A plain number, up to `digits` decimals: "1,234.5". */
export const formatNumber = (n: number, locale?: string, digits = 4): string => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);

/** 0.25 (or "0.2500") → "25%". */
export const formatPercent = (p: number | string, locale?: string): string => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(Number(p));
