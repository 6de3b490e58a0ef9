import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import { Money } from "@/components/ui/money";
import { useReader } from "@/components/ui/use-reader";
import { labelFor } from "@/lib/format/labels";
import { formatNumber, formatPercent } from "@/lib/format/money";
import type { TableColumn } from "@/lib/views/columns";
import type { CellValue } from "@/lib/views/project";

function Num({ value, percent }: { value: number; percent?: boolean }) {
  const { locale } = useReader();
  return <span className="tabular-nums">{percent ? formatPercent(value, locale) : formatNumber(value, locale)}</span>;
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
    return <Money amount={value.amount} currency={value.currency} className="tabular-nums" />;
  }
  if (Array.isArray(value)) return <Tags tags={value} />;
  if (typeof value === "boolean") return <span>{value ? "Yes" : "No"}</span>;
  if (column.enum) return <span>{labelFor(column.enum, String(value))}</span>;
  switch (column.kind) {
    case "datetime":
      return <DateTime value={String(value)} />;
    case "date":
      return <DateTime value={String(value)} mode="day" />;
    case "number":
      return typeof value === "number" || column.percent ? <Num value={Number(value)} percent={column.percent} /> : <span className="tabular-nums">{value}</span>;
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
