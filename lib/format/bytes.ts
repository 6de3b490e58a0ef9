// Sizes as people read them: "512 byte", "14 kB", "2.1 MB" (Intl units, the reader's locale). Pure, client-safe.
export function formatBytes(n: number, locale?: string): string {
  const [value, u] = n >= 1024 * 1024 ? [n / 1024 / 1024, "megabyte"] : n >= 1024 ? [n / 1024, "kilobyte"] : [n, "byte"];
  return new Intl.NumberFormat(locale, { style: "unit", unit: u, unitDisplay: "short", maximumFractionDigits: u === "megabyte" ? 1 : 0 }).format(value);
}
