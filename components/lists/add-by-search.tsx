"use client";

import { Plus, Search } from "lucide-react";
import { useEffect, useId, useState } from "react";
import { searchRecordsAction } from "@/lib/search/actions";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { ViewKind } from "@/lib/views/schemas";

type Hit = { id: string; title: string; subtitle: string | null };

/** Find records of the list's kind by typing, and add one with a click. */
export function AddBySearch({ kind, onAdd }: { kind: ViewKind; onAdd: (recordId: string) => Promise<boolean> }) {
  const id = useId();
  const [q, setQ] = useState("");
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [adding, setAdding] = useState<string | null>(null);
  useEffect(() => {
    const text = q.trim();
    if (!text) return;
    let stale = false;
    const timer = setTimeout(async () => {
      const r = await searchRecordsAction({ kind, q: text }).catch(() => null);
      if (!stale) setHits(r?.data ?? []);
    }, 250);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [q, kind]);
  const shown = q.trim() ? hits : null;
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        Add by search
      </label>
      <div className="relative">
        <Search className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-slate-400" aria-hidden />
        <input id={id} type="search" className={`${inputClass} pl-8`} value={q} onChange={(e) => setQ(e.target.value)} placeholder="Type a name, email or domain…" autoComplete="off" />
      </div>
      {shown ? (
        shown.length === 0 ? (
          <p className="text-sm text-slate-500" role="status">
            No matches.
          </p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-label="Search results">
            {shown.map((h) => (
              <li key={h.id} className="flex items-center justify-between gap-2 px-3 py-1.5 text-sm">
                <span>
                  <span className="font-medium">{h.title}</span>
                  {h.subtitle ? <span className="ml-2 text-slate-500">{h.subtitle}</span> : null}
                </span>
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={adding !== null}
                  aria-label={`Add ${h.title}`}
                  onClick={async () => {
                    setAdding(h.id);
                    await onAdd(h.id);
                    setAdding(null);
                  }}
                >
                  <Plus className="size-3.5" aria-hidden /> {adding === h.id ? "Adding…" : "Add"}
                </Button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
