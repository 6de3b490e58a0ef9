import Link from "next/link";
import type { TableColumn } from "@/lib/views/columns";
import type { CellValue } from "@/lib/views/project";

// UTC so the server render and the browser agree (no hydration mismatch)
const DATE = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
const NUMBER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 4 });

function money(amount: string, currency: string | null): string {
  const n = Number(amount);
  if (!Number.isFinite(n)) return amount;
  try {
    return currency ? new Intl.NumberFormat("en-US", { style: "currency", currency, maximumFractionDigits: 0 }).format(n) : NUMBER.format(n);
  } catch {
    return `${amount} ${currency ?? ""}`.trim();
  }
}

function dateText(v: string): string {
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
  return Number.isNaN(d.getTime()) ? v : DATE.format(d);
}

const Empty = () => <span className="text-slate-300">—</span>;

export function Tags({ tags }: { tags: string[] }) {
  if (tags.length === 0) return <Empty />;
  const shown = tags.slice(0, 3);
  return (
    <span className="flex items-center gap-1 overflow-hidden" title={tags.join(", ")}>
      {shown.map((t) => (
        <span key={t} className="inline-flex max-w-32 shrink-0 truncate rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-inset ring-slate-200">
          {t}
        </span>
      ))}
      {tags.length > shown.length ? <span className="text-xs text-slate-500">+{tags.length - shown.length}</span> : null}
    </span>
  );
}

/** One cell, rendered by its column's kind. Links only ever point at http(s) or our own pages. */
export function Cell({ column, value }: { column: TableColumn; value: CellValue | undefined }) {
  if (value === null || value === undefined || value === "") return column.kind === "tags" ? <Tags tags={[]} /> : <Empty />;
  if (typeof value === "object" && !Array.isArray(value)) {
    if ("href" in value) {
      return (
        <Link href={value.href} prefetch={false} className={column.kind === "title" ? "font-medium text-brand-700 hover:underline" : "text-slate-700 hover:underline"}>
          {value.label}
        </Link>
      );
    }
    return <span className="tabular-nums">{money(value.amount, value.currency)}</span>;
  }
  if (Array.isArray(value)) return <Tags tags={value} />;
  if (typeof value === "boolean") return <span>{value ? "Yes" : "No"}</span>;
  switch (column.kind) {
    case "datetime":
    case "date":
      return <time dateTime={String(value)}>{dateText(String(value))}</time>;
    case "number":
      return <span className="tabular-nums">{typeof value === "number" ? NUMBER.format(value) : value}</span>;
    case "email":
      return (
        <a href={`mailto:${value}`} className="text-slate-700 hover:underline">
          {value}
        </a>
      );
    case "url":
      return /^https?:\/\//i.test(String(value)) ? (
        <a href={String(value)} target="_blank" rel="noreferrer noopener" className="text-slate-700 hover:underline">
          {String(value).replace(/^https?:\/\//i, "")}
        </a>
      ) : (
        <span>{value}</span>
      );
    default:
      return <span>{value}</span>;
  }
}
