import Link from "next/link";
import { groupHits, KIND_META, type Hit } from "./kinds";

/** The /search page's results: one section per record type, best group first. */
export function SearchResults({ q, hits }: { q: string; hits: Hit[] }) {
  if (hits.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">No records match “{q}”.</p>;
  }
  return (
    <div className="space-y-6">
      {groupHits(hits).map(({ kind, hits: group }) => {
        const meta = KIND_META[kind];
        const Icon = meta.icon;
        const headingId = `results-${kind.toLowerCase()}`;
        return (
          <section key={kind} aria-labelledby={headingId}>
            <h2 id={headingId} className="mb-2 flex items-center gap-2 text-sm font-semibold uppercase tracking-wide text-slate-500">
              <Icon className="size-4" aria-hidden /> {meta.label} <span className="font-normal normal-case">({group.length})</span>
            </h2>
            <ul className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white">
              {group.map((h) => (
                <li key={h.id}>
                  <Link href={meta.href(h.id)} className="block px-4 py-2.5 hover:bg-slate-50 focus:bg-brand-50 focus:outline-none">
                    <span className="block font-medium text-slate-900">{h.title}</span>
                    {h.subtitle ? <span className="block text-sm text-slate-500">{h.subtitle}</span> : null}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
