// The second line of a search hit: what tells two "John Smith"s apart (client-safe).
import type { RecordKind } from "@/lib/records/registry";

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);
const join = (...parts: (string | null)[]) => parts.filter(Boolean).join(" · ") || null;

function money(amount: unknown, currency: unknown): string | null {
  const a = str(amount);
  if (!a) return null;
  const code = str(currency) ?? "USD";
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency: code, maximumFractionDigits: 0 }).format(Number(a));
  } catch {
    return `${a} ${code}`;
  }
}

const capitalise = (s: string | null) => (s ? s[0]!.toUpperCase() + s.slice(1) : null);

export function subtitleOf(kind: RecordKind, f: Record<string, unknown>): string | null {
  switch (kind) {
    case "CONTACT":
      return join(str(f.jobTitle), str(f.email));
    case "COMPANY":
      return join(str(f.domain), str(f.industry));
    case "DEAL":
      return join(money(f.amount, f.currency), capitalise(str(f.status)));
    case "LEAD":
      return join(str(f.companyName), str(f.email));
    case "TICKET":
      return join(str(f.priority) ? `${capitalise(str(f.priority))} priority` : null);
  }
}
