"use client";

import { ChevronDown } from "lucide-react";
import { Popover } from "radix-ui";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";

export interface FieldOption {
  value: string;
  label: string;
}

/** A multi-select of the object's fields: a button that opens a list of checkboxes. */
export function RequiredFieldsPicker({
  id,
  stageName,
  options,
  value,
  onChange,
  disabled,
}: {
  id: string;
  stageName: string;
  options: FieldOption[];
  value: string[];
  onChange: (next: string[]) => void;
  disabled?: boolean;
}) {
  // a field required earlier but no longer offered (e.g. an undefined custom field) stays visible to uncheck
  const all = [...options, ...value.filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v, label: v }))];
  const labelOf = (v: string) => all.find((o) => o.value === v)?.label ?? v;
  const summary = value.length ? value.map(labelOf).join(", ") : "None";
  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <button type="button" id={id} disabled={disabled} aria-label={`Required fields for ${stageName}: ${summary}`} className={cn(inputClass, "flex items-center justify-between gap-2 text-left disabled:bg-slate-50")}>
          <span className="truncate">{summary}</span>
          <ChevronDown className="size-4 shrink-0 text-slate-500" aria-hidden />
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="start" sideOffset={4} className="z-50 max-h-72 w-64 overflow-y-auto rounded-md border border-slate-200 bg-white p-2 shadow-lg">
          <fieldset>
            <legend className="px-1 pb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Required to enter {stageName}</legend>
            <ul className="space-y-0.5">
              {all.map((o) => (
                <li key={o.value}>
                  <label className="flex items-center gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50">
                    <input
                      type="checkbox"
                      className="size-4 rounded border-slate-300"
                      checked={value.includes(o.value)}
                      onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
                    />
                    {o.label}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
