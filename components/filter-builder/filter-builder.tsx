"use client";

// Edits filter JSON (API.md → "Filter JSON") for any object type: nested all/any groups,
// a field picker from describeFilterFields, operators by field type, value inputs by
// type, and validateFilter's errors shown on the exact condition. Controlled: the caller
// owns `value` and decides when to validate and apply. Reused by the record tables, and
// meant for the list builder and automation conditions.
import { Plus, Trash2, X } from "lucide-react";
import { createContext, useContext, useId, useMemo } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FILTER_LIMITS, type FilterCondition, type FilterGroup } from "@/lib/filters/schema";
import { fieldGroup, fieldLabel, opLabel } from "./labels";
import { appendAt, changeField, changeOp, childrenOf, errorPathOf, groupMode, isGroup, issuesAt, newCondition, removeAt, setMode, updateAt, type NodePath } from "./tree";
import type { FilterBuilderProps, FilterField } from "./types";
import { boxClass, ValueInput } from "./value-input";

interface Ctx extends Pick<FilterBuilderProps, "errors" | "options" | "objectType" | "empty"> {
  root: FilterGroup;
  fields: readonly FilterField[];
  byPath: Map<string, FilterField>;
  set: (next: FilterGroup) => void;
  idBase: string;
}

const BuilderContext = createContext<Ctx | null>(null);
const useBuilder = () => useContext(BuilderContext)!;

/** "1", "2.1": where a node sits, for labels that tell conditions apart. */
const ordinal = (path: NodePath) => path.map((i) => i + 1).join(".");

export function FilterBuilder({ objectType, fields, value, onChange, errors, options, label, empty }: FilterBuilderProps) {
  const idBase = useId();
  const byPath = useMemo(() => new Map(fields.map((f) => [f.path, f])), [fields]);
  const ctx: Ctx = { root: value, fields, byPath, set: onChange, errors, options, idBase, objectType, empty };
  return (
    <BuilderContext.Provider value={ctx}>
      <div className="space-y-2" data-object-type={objectType}>
        <GroupEditor group={value} path={[]} label={label ?? "Filter"} />
      </div>
    </BuilderContext.Provider>
  );
}

function Issues({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-xs text-red-600">
      {messages.map((m, i) => (
        <li key={i}>{m}</li>
      ))}
    </ul>
  );
}

function GroupEditor({ group, path, label }: { group: FilterGroup; path: NodePath; label: string }) {
  const { root, fields, set, errors, idBase, empty } = useBuilder();
  const at = errorPathOf(root, path);
  const issues = issuesAt(errors, at).node;
  const depth = path.length;
  const name = depth === 0 ? label : `Group ${ordinal(path)}`;
  const errId = `${idBase}-${at}-err`;
  const kids = childrenOf(group);
  return (
    <fieldset className={cn("space-y-2", depth > 0 && "rounded-md border border-slate-200 bg-slate-50/60 p-3")} aria-describedby={issues.length ? errId : undefined}>
      <legend className="sr-only">{name}</legend>
      <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <span>Match</span>
        <select aria-label={`${name}: match all or any`} className={boxClass} value={groupMode(group)} onChange={(e) => set(setMode(root, path, e.target.value as "all" | "any"))}>
          <option value="all">all</option>
          <option value="any">any</option>
        </select>
        <span>of these conditions</span>
        {depth > 0 ? (
          <button type="button" onClick={() => set(removeAt(root, path))} aria-label={`Remove ${name.toLowerCase()}`} className="ml-auto rounded p-1 text-slate-500 hover:bg-slate-200 hover:text-slate-800">
            <Trash2 className="size-4" aria-hidden />
          </button>
        ) : null}
      </div>
      {kids.length === 0 ? <p className="text-sm text-slate-600">{depth === 0 ? (empty ?? "No conditions yet.") : "An empty group matches every record."}</p> : null}
      <ul className="space-y-2">
        {kids.map((child, i) => (
          <li key={i}>{isGroup(child) ? <GroupEditor group={child} path={[...path, i]} label={label} /> : <ConditionEditor cond={child} path={[...path, i]} />}</li>
        ))}
      </ul>
      <Issues id={errId} messages={issues} />
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="secondary" onClick={() => set(appendAt(root, path, newCondition(fields)))} disabled={fields.length === 0} aria-label={depth === 0 ? "Add condition" : `Add condition to ${name.toLowerCase()}`}>
          <Plus className="size-3.5" aria-hidden /> Add condition
        </Button>
        {depth + 1 < FILTER_LIMITS.maxDepth ? (
          <Button size="sm" variant="ghost" onClick={() => set(appendAt(root, path, { any: [newCondition(fields)] }))} disabled={fields.length === 0} aria-label={depth === 0 ? "Add group" : `Add group to ${name.toLowerCase()}`}>
            <Plus className="size-3.5" aria-hidden /> Add group
          </Button>
        ) : null}
      </div>
    </fieldset>
  );
}

function ConditionEditor({ cond, path }: { cond: FilterCondition; path: NodePath }) {
  const { root, fields, byPath, set, errors, options, idBase, objectType } = useBuilder();
  const at = errorPathOf(root, path);
  const issues = issuesAt(errors, at);
  const field = byPath.get(cond.field);
  const name = `Condition ${ordinal(path)}`;
  const id = (part: string) => `${idBase}-${at}-${part}`;
  const update = (next: FilterCondition) => set(updateAt(root, path, () => next));
  const groups = useMemo(() => {
    const out = new Map<string, FilterField[]>();
    for (const f of fields) out.set(fieldGroup(f.path), [...(out.get(fieldGroup(f.path)) ?? []), f]);
    return [...out.entries()];
  }, [fields]);
  const allIssues = [...issues.node, ...issues.field, ...issues.op, ...issues.value];
  return (
    <div role="group" aria-label={name} className="flex flex-wrap items-start gap-2">
      <select
        aria-label={`${name} field`}
        aria-invalid={issues.field.length > 0 || undefined}
        aria-describedby={allIssues.length ? id("err") : undefined}
        className={cn(boxClass, "max-w-56")}
        value={cond.field}
        onChange={(e) => {
          const next = byPath.get(e.target.value);
          if (next) update(changeField(cond, field, next));
        }}
      >
        {!field ? <option value={cond.field}>{cond.field ? `Unknown: ${cond.field}` : "Choose a field…"}</option> : null}
        {groups.map(([group, list]) => (
          <optgroup key={group} label={group}>
            {list.map((f) => (
              <option key={f.path} value={f.path}>
                {f.label ?? fieldLabel(f.path, options)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {!field && cond.field === "" ? null : (
      <select
        aria-label={`${name} operator`}
        aria-invalid={issues.op.length > 0 || undefined}
        aria-describedby={allIssues.length ? id("err") : undefined}
        className={boxClass}
        value={cond.op}
        onChange={(e) => update(changeOp(cond, field, e.target.value as FilterCondition["op"]))}
      >
        {field && !field.ops.includes(cond.op) ? <option value={cond.op}>{cond.op}</option> : null}
        {(field?.ops ?? [cond.op]).map((op) => (
          <option key={op} value={op}>
            {field ? opLabel(op, field.type) : op}
          </option>
        ))}
      </select>
      )}
      {field ? (
        <ValueInput
          key={`${cond.field}:${cond.op}`}
          objectType={objectType}
          field={field}
          op={cond.op}
          value={cond.value}
          lists={options?.lists}
          options={options}
          label={`${name} value`}
          invalid={issues.value.length > 0}
          describedBy={allIssues.length ? id("err") : undefined}
          onChange={(v) => update(v === undefined ? { field: cond.field, op: cond.op } : { ...cond, value: v })}
        />
      ) : null}
      <button type="button" onClick={() => set(removeAt(root, path))} aria-label={`Remove ${name.toLowerCase()}`} className="rounded p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800">
        <X className="size-4" aria-hidden />
      </button>
      {allIssues.length > 0 ? (
        <div className="basis-full">
          <Issues id={id("err")} messages={allIssues} />
        </div>
      ) : null}
    </div>
  );
}
