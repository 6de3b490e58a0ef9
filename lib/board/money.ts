// Decimal strings (numeric(18,2)) as integer cents, so optimistic totals add up exactly.

export function toCents(amount: string | null | undefined): bigint {
  if (!amount) return 0n;
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?/.exec(amount.trim());
  if (!m) return 0n;
  const cents = BigInt(m[2]!) * 100n + BigInt((m[3] ?? "0").padEnd(2, "0"));
  return m[1] ? -cents : cents;
}

export function fromCents(cents: bigint): string {
  const neg = cents < 0n;
  const abs = neg ? -cents : cents;
  return `${neg ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}

/** amount × probability (a decimal string in [0, 1], up to 4 decimals), rounded half up to cents. */
export function weightedCents(amount: string | null | undefined, probability: string): bigint {
  const p = /^(\d+)(?:\.(\d{1,4}))?/.exec(probability.trim());
  if (!p) return 0n;
  const scaled = BigInt(p[1]!) * 10_000n + BigInt((p[2] ?? "0").padEnd(4, "0"));
  const product = toCents(amount) * scaled;
  return (product + 5_000n) / 10_000n;
}

/** "12500.00" USD → "$12,500" (whole units when there are no cents). */
export function formatMoney(amount: string, currency: string, compact = false): string {
  const n = Number(amount);
  try {
    return new Intl.NumberFormat("en-US", {
      style: "currency",
      currency,
      notation: compact && Math.abs(n) >= 100_000 ? "compact" : "standard",
      maximumFractionDigits: Number.isInteger(n) || compact ? 0 : 2,
    }).format(n);
  } catch {
    return `${amount} ${currency}`;
  }
}
