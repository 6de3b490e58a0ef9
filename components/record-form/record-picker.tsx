"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Command } from "cmdk";
import { Plus, X } from "lucide-react";
import { useEffect, useId, useState } from "react";
import { inputClass } from "@/components/ui/field";

type PickKind = "companies" | "contacts";
/** A collection to page through, or any record type found by the global search (GET /api/v1/search). */
export type PickSource = PickKind | { recordType: "CONTACT" | "COMPANY" | "DEAL" | "LEAD" | "TICKET"; noun: string };

export interface Option {
  id: string;
  label: string;
  hint: string | null;
}

function toOption(kind: PickKind, r: Record<string, unknown>): Option {
  if (kind === "companies") return { id: String(r.id), label: String(r.name), hint: (r.domain as string | null) ?? null };
  const name = [r.firstName, r.lastName].filter(Boolean).join(" ");
  return { id: String(r.id), label: name || String(r.email ?? "(no name)"), hint: name ? ((r.email as string | null) ?? null) : null };
}

/** Searches the REST collection (the browser session authenticates). */
async function search(kind: PickSource, q: string): Promise<Option[]> {
  if (typeof kind !== "string") {
    if (!q.trim()) return [];
    const res = await fetch(`/api/v1/search?${new URLSearchParams({ q: q.trim(), types: kind.recordType, limit: "8" })}`, { headers: { accept: "application/json" } });
    if (!res.ok) throw new Error(`Search failed (${res.status})`);
    const body = (await res.json()) as { data: { id: string; title: string; subtitle: string | null }[] };
    return body.data.map((h) => ({ id: h.id, label: h.title, hint: h.subtitle }));
  }
  const params = new URLSearchParams({ limit: "8" });
  if (q.trim()) params.set("q", q.trim());
  const res = await fetch(`/api/v1/${kind}?${params}`, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`Search failed (${res.status})`);
  const body = (await res.json()) as { data: Record<string, unknown>[] };
  return body.data.map((r) => toOption(kind, r));
}

/**
 * A searchable picker for a company or a contact: a combobox (cmdk) whose input shows the
 * chosen record and, while typing, searches the collection.
 */
export function RecordPicker({
  kind,
  label,
  value,
  valueLabel,
  onChange,
  error,
  disabled,
  onCreate,
}: {
  kind: PickSource;
  /** Offers "Create <noun> “text”" below the results: makes the record and answers it as the choice, or an error message. */
  onCreate?: (text: string) => Promise<{ option: Option } | { error: string }>;
  label: string;
  value: string | null;
  valueLabel: string | null;
  onChange: (id: string | null, label: string | null) => void;
  error?: string;
  disabled?: boolean;
}) {
  const uid = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(valueLabel ?? "");
  const [q, setQ] = useState("");
  // Debounce the search a little so each keystroke is not a request.
  useEffect(() => {
    const t = setTimeout(() => setQ(text), 200);
    return () => clearTimeout(t);
  }, [text]);
  // A new label from the parent (a reset, a save) replaces what the input shows.
  const [shownLabel, setShownLabel] = useState(valueLabel);
  if (shownLabel !== valueLabel) {
    setShownLabel(valueLabel);
    setText(valueLabel ?? "");
  }
  const noun = typeof kind === "string" ? kind : kind.noun;
  const singular = kind === "companies" ? "company" : kind === "contacts" ? "contact" : noun;
  // The last results stay listed while the next search runs: an option does not vanish
  // under the pointer between a keystroke and its results.
  const results = useQuery({
    queryKey: ["record-picker", typeof kind === "string" ? kind : kind.recordType, q],
    queryFn: () => search(kind, q),
    enabled: open,
    staleTime: 10_000,
    placeholderData: keepPreviousData,
  });

  const choose = (o: Option | null) => {
    onChange(o?.id ?? null, o?.label ?? null);
    setText(o?.label ?? "");
    setOpen(false);
  };
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  const typed = text.trim();
  const offerCreate = !!onCreate && typed !== "" && typed !== (valueLabel ?? "") && !(results.data ?? []).some((o) => o.label.toLowerCase() === typed.toLowerCase());
  const create = async () => {
    if (!onCreate || creating) return;
    setCreating(true);
    try {
      const out = await onCreate(typed);
      if ("error" in out) setCreateError(out.error);
      else {
        setCreateError(null);
        choose(out.option);
      }
    } finally {
      setCreating(false);
    }
  };

  return (
    <div className="relative space-y-1">
      {/* cmdk names its input from `label` (a visually hidden <label>); this is the visible copy. */}
      <p aria-hidden className="block text-sm font-medium text-slate-700">
        {label}
      </p>
      <Command shouldFilter={false} label={label} className="relative" onKeyDown={(e) => e.key === "Escape" && setOpen(false)}>
        <div className="relative">
          <Command.Input
            value={text}
            disabled={disabled}
            placeholder={`Search ${noun}…`}
            onValueChange={(v) => {
              setText(v);
              setOpen(true);
            }}
            onFocus={() => setOpen(true)}
            onBlur={() => {
              // Let a click on an option land before closing; restore the chosen label.
              setTimeout(() => {
                setOpen(false);
                setText(valueLabel ?? "");
              }, 150);
            }}
            aria-invalid={error || createError ? true : undefined}
            aria-describedby={error || createError ? `${uid}-error` : undefined}
            className={`${inputClass} pr-8`}
          />
          {value && !disabled ? (
            <button type="button" aria-label={`Clear ${label.toLowerCase()}`} className="absolute right-2 top-2 rounded p-0.5 text-slate-500 hover:bg-slate-100" onClick={() => choose(null)}>
              <X className="size-4" aria-hidden />
            </button>
          ) : null}
        </div>
        {/* Always rendered (hidden when closed): the input's aria-controls must point at it. */}
        <Command.List hidden={!open} className="absolute z-40 mt-1 max-h-64 w-full overflow-y-auto rounded-md border border-slate-200 bg-white p-1 shadow-lg">
          {results.isLoading ? <Command.Loading>Searching…</Command.Loading> : null}
          {results.isError ? <div className="px-2 py-1.5 text-sm text-red-600">Search failed; try again.</div> : null}
          {offerCreate ? null : <Command.Empty className="px-2 py-1.5 text-sm text-slate-600">No {noun} match.</Command.Empty>}
          {(results.data ?? []).map((o) => (
            <Command.Item
              key={o.id}
              value={o.id}
              onSelect={() => choose(o)}
              onMouseDown={(e) => e.preventDefault()}
              className="cursor-pointer rounded px-2 py-1.5 text-sm data-[selected=true]:bg-brand-50"
            >
              {o.label}
              {o.hint ? <span className="ml-2 text-xs text-slate-500">{o.hint}</span> : null}
            </Command.Item>
          ))}
          {offerCreate ? (
            <Command.Item
              value="__create__"
              disabled={creating}
              onSelect={create}
              onMouseDown={(e) => e.preventDefault()}
              className="flex cursor-pointer items-center gap-1.5 rounded px-2 py-1.5 text-sm font-medium text-brand-700 data-[selected=true]:bg-brand-50"
            >
              <Plus className="size-4" aria-hidden />
              {creating ? `Creating “${typed}”…` : `Create ${singular} “${typed}”`}
            </Command.Item>
          ) : null}
        </Command.List>
      </Command>
      {error || createError ? (
        <p id={`${uid}-error`} role="alert" className="text-sm text-red-600">
          {error ?? createError}
        </p>
      ) : null}
    </div>
  );
}
