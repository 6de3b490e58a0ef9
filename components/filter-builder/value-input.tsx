"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { cn } from "@/components/ui/cn";
import { actionData } from "@/lib/action-result";
import { knownValuesAction } from "@/lib/filters/actions";
import type { FilterObjectType } from "@/lib/filters/fields";
import type { FilterOp } from "@/lib/filters/ops";
import type { FilterCondition, FilterScalar } from "@/lib/filters/schema";
import { humanize, uuidPicker } from "./labels";
import { MultiSelect, type Choice } from "./multi-select";
import { takesArray, takesNoValue } from "./tree";
import type { FilterField, FilterValueOptions } from "./types";

export const boxClass =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 aria-[invalid=true]:border-red-500";

type Value = FilterCondition["value"];

interface InputProps {
  field: FilterField;
  /** Values read from the workspace for this field (useKnownValues), offered as choices or suggestions. */
  known?: readonly Choice[];
  value: Value;
  onChange: (v: Value) => void;
  label: string;
  invalid: boolean;
  describedBy?: string;
  options?: FilterValueOptions;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ME_CHOICE: Choice = { value: "me", label: "Me" };

/** Fields whose values the workspace knows: text columns (their most used values), and pipelines and stages. */
const CHOOSING_OPS: readonly FilterOp[] = ["eq", "neq", "in", "notIn"];
const asksServer = (field: FilterField, op: FilterOp) =>
  CHOOSING_OPS.includes(op) && ((field.type.kind === "string" && !field.path.startsWith("customFields.")) || field.path === "pipelineId" || field.path === "stageId");

/** The field's known values from the server, cached per field while the page lives. */
function useKnownValues(objectType: FilterObjectType, field: FilterField, op: FilterOp): readonly Choice[] | undefined {
  const query = useQuery({
    queryKey: ["filter-known-values", objectType, field.path],
    queryFn: () => actionData(knownValuesAction({ objectType, path: field.path })),
    enabled: asksServer(field, op),
    staleTime: 5 * 60_000,
  });
  return query.data;
}

function choicesFor(field: FilterField, options?: FilterValueOptions, known?: readonly Choice[]): Choice[] | null {
  const t = field.type;
  // enum values by their words ("DONE_FAILED" → "Done failed"), never the raw key
  if (t.kind === "enum") return t.values.map((v) => ({ value: v, label: humanize(v.toLowerCase().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())) }));
  if (t.kind === "uuid" && known && known.length > 0) return [...known];
  if (t.kind === "tags") {
    const custom = field.path.startsWith("customFields.") ? options?.customFields?.find((f) => `customFields.${f.key}` === field.path)?.options : undefined;
    return (custom ?? options?.tags ?? []).map((v) => ({ value: v, label: v }));
  }
  const picker = uuidPicker(field.path, t);
  if (picker === "user") return [ME_CHOICE, ...(options?.users ?? []).map((u) => ({ value: u.id, label: u.name }))];
  if (picker === "group" && options?.groups) return options.groups.map((g) => ({ value: g.id, label: g.name }));
  return null;
}

function Scalar({ field, value, onChange, label, invalid, describedBy, options, known }: InputProps) {
  const common = { "aria-label": label, "aria-invalid": invalid || undefined, "aria-describedby": describedBy, className: cn(boxClass, "min-w-0") };
  const t = field.type;
  const choices = choicesFor(field, options, known);
  const listId = useId();
  if (t.kind === "boolean") {
    return (
      <select {...common} value={value === false ? "false" : "true"} onChange={(e) => onChange(e.target.value === "true")}>
        <option value="true">Yes</option>
        <option value="false">No</option>
      </select>
    );
  }
  if (choices && t.kind !== "tags") {
    const current = typeof value === "string" ? value : "";
    return (
      <select {...common} value={current} onChange={(e) => onChange(e.target.value)}>
        {current === "" || !choices.some((c) => c.value === current) ? <option value={current}>{current === "" ? "Choose…" : current}</option> : null}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    );
  }
  if (t.kind === "number") {
    return <input {...common} type="number" step="any" inputMode="decimal" className={cn(boxClass, "w-32")} value={value === null || value === undefined ? "" : String(value)} onChange={(e) => onChange(e.target.value === "" ? "" : Number(e.target.value))} />;
  }
  if (t.kind === "date") {
    const text = typeof value === "string" ? value : "";
    // a relative value ("today-7d") from a link or an API client stays editable as text
    const relative = text !== "" && !DAY.test(text);
    return <input {...common} type={relative ? "text" : "date"} className={cn(boxClass, "w-40")} value={text} onChange={(e) => onChange(e.target.value)} />;
  }
  // a text field suggests the values in use (free text still allowed)
  const suggestions = t.kind === "string" && known && known.length > 0 ? known : null;
  return (
    <>
      <input
        {...common}
        type="text"
        className={cn(boxClass, "w-44")}
        list={suggestions ? listId : undefined}
        value={typeof value === "string" || typeof value === "number" ? String(value) : ""}
        placeholder={t.kind === "uuid" ? "id" : suggestions ? "Type or pick…" : "value"}
        onChange={(e) => onChange(e.target.value)}
      />
      {suggestions ? (
        <datalist id={listId} data-testid={`${label} choices`}>
          {suggestions.map((c) => (
            <option key={c.value} value={c.value} />
          ))}
        </datalist>
      ) : null}
    </>
  );
}

/** The value editor for a condition: shaped by the op (none, one, two, a list, days, a list id) and the field's type. */
export function ValueInput({ op, lists, objectType, ...rest }: Omit<InputProps, "known"> & { op: FilterOp; lists?: FilterValueOptions["lists"]; objectType: FilterObjectType }) {
  const known = useKnownValues(objectType, rest.field, op);
  const props: InputProps = { ...rest, known };
  const { field, value, onChange, label, invalid, describedBy, options } = props;
  if (takesNoValue(op)) return null;
  if (op === "withinLastDays" || op === "withinNextDays") {
    return (
      <span className="inline-flex items-center gap-1.5 text-sm text-slate-600">
        <input
          type="number"
          min={0}
          step={1}
          aria-label={`${label} (days)`}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          className={cn(boxClass, "w-24")}
          value={typeof value === "number" ? value : ""}
          onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
        />
        days
      </span>
    );
  }
  if (op === "inList" || op === "notInList") {
    const current = typeof value === "string" ? value : "";
    return (
      <select aria-label={label} aria-invalid={invalid || undefined} aria-describedby={describedBy} className={boxClass} value={current} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose a list…</option>
        {(lists ?? []).map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </select>
    );
  }
  if (op === "between") {
    const pair = Array.isArray(value) ? value : ["", ""];
    const set = (i: 0 | 1, v: Value) => onChange(i === 0 ? [v as FilterScalar, pair[1] ?? ""] : [pair[0] ?? "", v as FilterScalar]);
    return (
      <span className="inline-flex items-center gap-1.5 text-sm text-slate-600">
        <Scalar {...props} label={`${label} from`} value={pair[0]} onChange={(v) => set(0, v)} />
        and
        <Scalar {...props} label={`${label} to`} value={pair[1]} onChange={(v) => set(1, v)} />
      </span>
    );
  }
  if (takesArray(op)) {
    const list = (Array.isArray(value) ? value : []).map(String);
    const choices = choicesFor(field, options, known) ?? (field.type.kind === "string" && known?.length ? [...known] : null);
    if (choices) {
      return <MultiSelect label={label} choices={choices} value={list} allowNew={field.type.kind === "tags" || field.type.kind === "string"} invalid={invalid} describedBy={describedBy} onChange={(next) => onChange(next)} />;
    }
    return <ListText {...props} list={list} numeric={field.type.kind === "number"} />;
  }
  return <Scalar {...props} />;
}

const splitList = (text: string, numeric: boolean): FilterScalar[] =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (numeric && /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s));

/** Comma-separated values; the text is kept while typing ("a, "), and follows the value when it changes elsewhere. */
function ListText({ list, numeric, onChange, label, invalid, describedBy }: InputProps & { list: string[]; numeric: boolean }) {
  const [draft, setDraft] = useState(list.join(", "));
  const [seen, setSeen] = useState(list);
  if (seen.join("\u0000") !== list.join("\u0000")) {
    setSeen(list);
    if (splitList(draft, numeric).map(String).join("\u0000") !== list.join("\u0000")) setDraft(list.join(", "));
  }
  return (
    <input
      type="text"
      aria-label={`${label} (comma-separated)`}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      className={cn(boxClass, "w-56")}
      placeholder="a, b, c"
      value={draft}
      onChange={(e) => {
        setDraft(e.target.value);
        onChange(splitList(e.target.value, numeric));
      }}
    />
  );
}
