"use client";

import { ChevronDown, Plus } from "lucide-react";
import { Popover } from "radix-ui";
import { useId, useState } from "react";
import { cn } from "@/components/ui/cn";

export interface Choice {
  value: string;
  label: string;
}

/**
 * A button that opens a list of checkboxes; with `allowNew`, a text box adds a value that
 * is not listed (tags). Values chosen but not offered stay listed so they can be unchecked.
 */
export function MultiSelect({
  label,
  choices,
  value,
  onChange,
  allowNew,
  placeholder = "None",
  invalid,
  describedBy,
  className,
}: {
  label: string;
  choices: readonly Choice[];
  value: readonly string[];
  onChange: (next: string[]) => void;
  allowNew?: boolean;
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string;
  className?: string;
}) {
  const [draft, setDraft] = useState("");
  const inputId = useId();
  const all = [...choices, ...value.filter((v) => !choices.some((c) => c.value === v)).map((v) => ({ value: v, label: v }))];
  const labelOf = (v: string) => all.find((c) => c.value === v)?.label ?? v;
  const summary = value.length ? value.map(labelOf).join(", ") : placeholder;
  const add = () => {
    const v = draft.trim();
    if (v && !value.includes(v)) onChange([...value, v]);
    setDraft("");
  };
  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <button
          type="button"
          aria-label={`${label}: ${summary}`}
          data-invalid={invalid || undefined}
          aria-describedby={describedBy}
          className={cn(
            "flex min-w-40 max-w-72 items-center justify-between gap-2 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-left text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 data-[invalid=true]:border-red-500",
            className,
          )}
        >
          <span className={cn("truncate", value.length === 0 && "text-slate-500")}>{summary}</span>
          <ChevronDown className="size-4 shrink-0 text-slate-500" aria-hidden />
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="start" sideOffset={4} className="z-50 max-h-80 w-64 overflow-y-auto rounded-md border border-slate-200 bg-white p-2 shadow-lg">
          <fieldset>
            <legend className="px-1 pb-1 text-xs font-medium uppercase tracking-wide text-slate-500">{label}</legend>
            {all.length === 0 && !allowNew ? <p className="px-1 py-1 text-sm text-slate-500">Nothing to choose from.</p> : null}
            <ul className="space-y-0.5">
              {all.map((c) => (
                <li key={c.value}>
                  <label className="flex items-center gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50">
                    <input
                      type="checkbox"
                      className="size-4 rounded border-slate-300"
                      checked={value.includes(c.value)}
                      onChange={(e) => onChange(e.target.checked ? [...value, c.value] : value.filter((v) => v !== c.value))}
                    />
                    <span className="truncate">{c.label}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          {allowNew ? (
            <div className="mt-2 flex gap-1 border-t border-slate-100 pt-2">
              <label htmlFor={inputId} className="sr-only">
                Add a value to {label}
              </label>
              <input
                id={inputId}
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter") {
                    e.preventDefault();
                    add();
                  }
                }}
                placeholder="Type and press Enter"
                className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 text-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500"
              />
              <button type="button" onClick={add} aria-label={`Add to ${label}`} className="rounded p-1 text-slate-600 hover:bg-slate-100">
                <Plus className="size-4" aria-hidden />
              </button>
            </div>
          ) : null}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
