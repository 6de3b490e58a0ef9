import { PageHeader } from "@/components/shell/page-header";

/** The loading state of a record table page (contacts, companies, …). */
export function TableSkeleton({ title }: { title: string }) {
  return (
    <div aria-busy="true" aria-live="polite">
      <PageHeader title={title} />
      <p className="sr-only">Loading {title.toLowerCase()}…</p>
      <div className="mb-3 flex gap-2">
        <div className="h-8 w-64 animate-pulse rounded-md bg-slate-200" />
        <div className="h-8 w-20 animate-pulse rounded-md bg-slate-200" />
        <div className="h-8 w-24 animate-pulse rounded-md bg-slate-200" />
      </div>
      <div className="space-y-px overflow-hidden rounded-lg border border-slate-200 bg-white">
        {Array.from({ length: 10 }, (_, i) => (
          <div key={i} className="h-10 animate-pulse bg-slate-50" />
        ))}
      </div>
    </div>
  );
}
