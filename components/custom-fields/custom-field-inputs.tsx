"use client";

// The inputs for a record's custom fields, for any record form: one labelled control per
// definition, in display order. Controlled: `value` is the record's customFields object
// and `onChange` gets the next one (an emptied field is removed, numbers are numbers).
// Lives here rather than in components/ because it belongs to this domain's ownership;
// it only imports client-safe modules.
import { useId } from "react";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import type { ValidationIssue } from "@/lib/errors";
import type { FieldDefinitionLike } from "@/lib/custom-fields/rules";
import { MAX_TEXT_LENGTH } from "@/lib/custom-fields/schemas";

export type CustomFieldValues = Record<string, unknown>;

/** `[{ path: "customFields.budget", message }]` (a 422's errors) → `{ budget: message }`. */
export function customFieldErrors(issues: readonly ValidationIssue[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues ?? []) {
    const m = /^customFields\.([A-Za-z][A-Za-z0-9_]*)$/.exec(i.path);
    if (m && !out[m[1]!]) out[m[1]!] = i.message;
  }
  return out;
}

export function CustomFieldInputs({
  definitions,
  value,
  onChange,
  errors = {},
  disabled,
  className,
}: {
  definitions: readonly (FieldDefinitionLike & { id?: string; displayOrder?: number })[];
  value: CustomFieldValues;
  onChange: (next: CustomFieldValues) => void;
  /** Messages by key (`budget`) or by path (`customFields.budget`). */
  errors?: Record<string, string | undefined>;
  disabled?: boolean;
  className?: string;
}) {
  const base = useId();
  if (definitions.length === 0) return null;
  const set = (key: string, v: unknown) => {
    const next = { ...value };
    if (v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0)) delete next[key];
    else next[key] = v;
    onChange(next);
  };
  return (
    <div className={cn("grid gap-4 sm:grid-cols-2", className)}>
      {definitions.map((d) => {
        const id = `${base}-${d.key}`;
        const error = errors[d.key] ?? errors[`customFields.${d.key}`];
        return (
          <FieldControl key={d.key} id={id} def={d} value={value[d.key]} error={error} disabled={disabled} onValue={(v) => set(d.key, v)} />
        );
      })}
    </div>
  );
}

function FieldControl({ id, def, value, error, disabled, onValue }: { id: string; def: FieldDefinitionLike; value: unknown; error?: string; disabled?: boolean; onValue: (v: unknown) => void }) {
  const describedBy = error ? `${id}-error` : undefined;
  const common = { id, disabled, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy, "aria-required": def.isRequired || undefined } as const;
  const label = (
    <>
      {def.label}
      {def.isRequired ? (
        <span className="text-red-600" aria-hidden>
          {" "}
          *
        </span>
      ) : null}
    </>
  );
  const message = error ? (
    <p id={`${id}-error`} role="alert" className="text-sm text-red-600">
      {error}
    </p>
  ) : null;

  if (def.fieldType === "CHECKBOX") {
    return (
      <div className="space-y-1 self-end">
        <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium text-slate-700">
          <input type="checkbox" {...common} checked={value === true} onChange={(e) => onValue(e.target.checked)} className="size-4 rounded border-slate-300 text-brand-600" />
          {label}
        </label>
        {message}
      </div>
    );
  }

  if (def.fieldType === "MULTI_SELECT") {
    const chosen = Array.isArray(value) ? (value as string[]) : [];
    return (
      <fieldset className="space-y-1" aria-describedby={describedBy} disabled={disabled}>
        <legend className="text-sm font-medium text-slate-700">{label}</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {def.options.map((o) => (
            <label key={o} className="flex items-center gap-1.5 text-sm text-slate-700">
              <input
                type="checkbox"
                checked={chosen.includes(o)}
                onChange={(e) => onValue(e.target.checked ? [...chosen, o] : chosen.filter((c) => c !== o))}
                className="size-4 rounded border-slate-300 text-brand-600"
              />
              {o}
            </label>
          ))}
        </div>
        {message}
      </fieldset>
    );
  }

  let control: React.ReactNode;
  if (def.fieldType === "SELECT") {
    const v = typeof value === "string" ? value : "";
    control = (
      <select {...common} value={v} onChange={(e) => onValue(e.target.value || null)} className={inputClass}>
        <option value="">—</option>
        {/* A stored value no longer among the options stays visible until changed. */}
        {v && !def.options.includes(v) ? <option value={v}>{v}</option> : null}
        {def.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else if (def.fieldType === "NUMBER") {
    control = (
      <input
        type="number"
        step="any"
        inputMode="decimal"
        {...common}
        value={typeof value === "number" ? String(value) : typeof value === "string" ? value : ""}
        onChange={(e) => {
          const raw = e.target.value;
          const n = Number(raw);
          // Half-typed input ("-", "1e") stays as text until it is a number; the server refuses text.
          onValue(raw === "" ? null : Number.isFinite(n) ? n : raw);
        }}
        className={inputClass}
      />
    );
  } else {
    const type = def.fieldType === "DATE" ? "date" : def.fieldType === "URL" ? "url" : "text";
    control = (
      <input
        type={type}
        {...common}
        maxLength={def.fieldType === "DATE" ? undefined : MAX_TEXT_LENGTH}
        placeholder={def.fieldType === "URL" ? "https://" : undefined}
        value={typeof value === "string" ? value : value === undefined || value === null ? "" : String(value)}
        onChange={(e) => onValue(e.target.value)}
        className={inputClass}
      />
    );
  }
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {control}
      {message}
    </div>
  );
}
