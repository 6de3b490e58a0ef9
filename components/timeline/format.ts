// Small formatting helpers for the record page. Pure, client-safe.

/** 0.02 → "29 min", 0.5 → "12 h", 3.25 → "3.3 days". */
export function formatDays(days: number): string {
  if (days < 1 / 24) return `${Math.max(1, Math.round(days * 24 * 60))} min`;
  if (days < 1) return `${Math.round(days * 24)} h`;
  const rounded = Math.round(days * 10) / 10;
  return `${rounded} ${rounded === 1 ? "day" : "days"}`;
}
