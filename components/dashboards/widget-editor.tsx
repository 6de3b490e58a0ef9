"use client";
// Add or edit a widget: its title, chart, record type, measure, up to two group-bys, a
// period and a filter (the shared FilterBuilder), and its size. The server checks the
// definition against the record type's fields (lib/dashboards/query.ts) and says what is wrong.
import { useRouter } from "next/navigation";
import { useId, useMemo, useState } from "react";
import { toast } from "sonner";
import { FilterBuilder, EMPTY_FILTER, asGroup, fieldLabel } from "@/components/filter-builder";
import { FormDialog } from "@/components/ui/form-dialog";
import { inputClass } from "@/components/ui/field";
import { actionFailure } from "@/lib/action-result";
import type { EditorData } from "@/lib/dashboards/editor-data";
import { saveWidgetAction } from "@/lib/dashboards/actions";
import type { WidgetJson } from "@/lib/dashboards/service";
import {
  CHART_LABELS,
  DATE_BUCKETS,
  PERIOD_LABELS,
  PERIOD_PRESETS,
  QUERY_CHARTS,
  sizeNameOf,
  WIDGET_RECORD_TYPES,
  WIDGET_SIZES,
  type DateBucket,
  type GroupBy,
  type GroupByKind,
  type MeasureFn,
  type PeriodPreset,
  type QueryChart,
  type WidgetDefinition,
  type WidgetRecordType,
  type WidgetSizeName,
} from "@/lib/dashboards/schemas";
import type { FilterGroup } from "@/lib/filters/schema";

const RECORD_LABELS: Record<WidgetRecordType, string> = { contacts: "Contacts", companies: "Companies", leads: "Leads", deals: "Deals", activities: "Activities" };
const GROUP_LABELS: Record<GroupByKind, string> = { owner: "Owner", group: "Group", stage: "Stage", pipeline: "Pipeline", source: "Source", tag: "Tag", dealType: "Deal type", activityType: "Activity type", date: "Date", custom: "Custom field" };
const SIZE_LABELS: Record<WidgetSizeName, string> = { small: "Small (1 column)", medium: "Medium (2 columns)", wide: "Wide (4 columns)", tall: "Tall (2 columns, 2 rows)" };
const FN_LABELS: Record<MeasureFn, string> = { count: "Count of records", sum: "Sum of", avg: "Average of", min: "Minimum of", max: "Maximum of", weighted: "Weighted amount (amount × probability)" };

interface Draft {
  title: string;
  chart: QueryChart | "quota";
  recordType: WidgetRecordType;
  fn: MeasureFn;
  field: string;
  group1: string;
  bucket1: DateBucket;
  group2: string;
  bucket2: DateBucket;
  periodField: string;
  periodPreset: PeriodPreset;
  filter: FilterGroup;
  size: WidgetSizeName;
}

/** A group-by as the select's value: "owner", "date:createdAt", "custom:customFields.tier". */
const groupValue = (g: GroupBy | undefined) => (!g ? "" : g.field ? `${g.by}:${g.field}` : g.by);
function groupOf(value: string, bucket: DateBucket): GroupBy | null {
  if (!value) return null;
  const [by, field] = value.split(/:(.*)/s) as [GroupByKind, string | undefined];
  return by === "date" ? { by, field, bucket } : field ? { by, field } : { by };
}

function draftOf(widget: WidgetJson | null): Draft {
  const base: Draft = { title: "", chart: "bar", recordType: "deals", fn: "count", field: "", group1: "stage", bucket1: "month", group2: "", bucket2: "month", periodField: "", periodPreset: "thisQuarter", filter: EMPTY_FILTER, size: "medium" };
  if (!widget) return base;
  const size = sizeNameOf(widget) ?? "medium";
  const d = widget.definition;
  if (d.chart === "quota") return { ...base, title: widget.title, chart: "quota", size };
  const q = d.query;
  return {
    title: widget.title,
    chart: d.chart,
    recordType: q.recordType,
    fn: q.measure.fn,
    field: q.measure.field ?? "",
    group1: groupValue(q.groupBy[0]),
    bucket1: q.groupBy[0]?.bucket ?? "month",
    group2: groupValue(q.groupBy[1]),
    bucket2: q.groupBy[1]?.bucket ?? "month",
    periodField: q.period?.field ?? "",
    periodPreset: q.period?.preset ?? "thisQuarter",
    filter: q.filter ? asGroup(q.filter) : EMPTY_FILTER,
    size,
  };
}

function definitionOf(d: Draft): WidgetDefinition {
  if (d.chart === "quota") return { chart: "quota" };
  const groupBy = [groupOf(d.group1, d.bucket1), groupOf(d.group2, d.bucket2)].filter((g): g is GroupBy => g !== null);
  return {
    chart: d.chart,
    query: {
      recordType: d.recordType,
      filter: "all" in d.filter && d.filter.all.length === 0 ? null : d.filter,
      period: d.periodField ? { field: d.periodField, preset: d.periodPreset } : null,
      measure: d.fn === "count" || d.fn === "weighted" ? { fn: d.fn } : { fn: d.fn, field: d.field },
      groupBy: d.chart === "kpi" ? [] : groupBy,
    },
  };
}

function Select({ label, value, onChange, options, id }: { label: string; value: string; onChange: (v: string) => void; options: { value: string; label: string }[]; id?: string }) {
  const auto = useId();
  const controlId = id ?? auto;
  return (
    <div className="space-y-1">
      <label htmlFor={controlId} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={controlId} value={value} onChange={(e) => onChange(e.target.value)} className={inputClass}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function WidgetEditor({ dashboardId, widget, editor, open, onOpenChange }: { dashboardId: string; widget: WidgetJson | null; editor: EditorData; open: boolean; onOpenChange: (open: boolean) => void }) {
  const router = useRouter();
  const [d, setD] = useState<Draft>(() => draftOf(widget));
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<{ path: string; message: string }[]>([]);
  const [pending, setPending] = useState(false);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const titleId = useId();
  const cat = editor.catalogs[d.recordType];
  const options = editor.options[d.recordType];
  const fields = useMemo(() => editor.fields[d.recordType].map((f) => ({ ...f, label: fieldLabel(f.path, { customFields: options.customFields }) })), [editor.fields, d.recordType, options.customFields]);
  const isQuota = d.chart === "quota";

  const groupOptions = [
    { value: "", label: "None" },
    ...cat.groupBys.flatMap((g) => {
      if (g === "date") return cat.dateFields.map((f) => ({ value: `date:${f.path}`, label: `Date: ${f.label}` }));
      if (g === "custom") return cat.choiceFields.map((f) => ({ value: `custom:${f.path}`, label: `Custom field: ${f.label}` }));
      return [{ value: g, label: GROUP_LABELS[g] }];
    }),
  ];
  const fns = (["count", "sum", "avg", "min", "max", ...(cat.weighted ? ["weighted"] : [])] as MeasureFn[]).filter((f) => f === "count" || f === "weighted" || cat.numberFields.length > 0);

  const changeType = (recordType: WidgetRecordType) => {
    const c = editor.catalogs[recordType];
    set({ recordType, fn: "count", field: c.numberFields[0]?.path ?? "", group1: c.groupBys.includes("stage") ? "stage" : "owner", group2: "", periodField: "", filter: EMPTY_FILTER });
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!d.title.trim()) {
      setError("Give the widget a title.");
      return;
    }
    setPending(true);
    setError(null);
    setIssues([]);
    const size = WIDGET_SIZES[d.size];
    const r = await saveWidgetAction({ dashboardId, widgetId: widget?.id ?? null, widget: { title: d.title.trim(), definition: definitionOf(d), width: size.width, height: size.height } });
    setPending(false);
    const failure = actionFailure(r);
    if (failure) {
      setError(failure.message);
      setIssues(failure.issues);
      return;
    }
    toast.success(widget ? "Widget saved" : "Widget added");
    onOpenChange(false);
    if (!widget) setD(draftOf(null));
    router.refresh();
  };

  const filterIssues = issues.filter((i) => i.path.startsWith("definition.query.filter")).map((i) => ({ ...i, path: i.path.replace(/^definition\.query\./, "") }));
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={widget ? `Edit widget: ${widget.title}` : "Add a widget"}
      description="What to count or sum, of which records, grouped how. Figures cover only the records each viewer may see."
      className="max-w-3xl"
      onSubmit={submit}
      pending={pending}
      pendingLabel="Saving…"
      error={error}
      submitLabel={widget ? "Save widget" : "Add widget"}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="space-y-1 sm:col-span-2">
          <label htmlFor={titleId} className="block text-sm font-medium text-slate-700">
            Title
          </label>
          <input id={titleId} value={d.title} onChange={(e) => set({ title: e.target.value })} maxLength={120} className={inputClass} />
        </div>
        <Select label="Chart" value={d.chart} onChange={(v) => set({ chart: v as Draft["chart"] })} options={[...QUERY_CHARTS, "quota" as const].map((c) => ({ value: c, label: CHART_LABELS[c] }))} />
        <Select label="Size" value={d.size} onChange={(v) => set({ size: v as WidgetSizeName })} options={(Object.keys(WIDGET_SIZES) as WidgetSizeName[]).map((s) => ({ value: s, label: SIZE_LABELS[s] }))} />
        {isQuota ? (
          <p className="text-sm text-slate-600 sm:col-span-2">Each rep&apos;s quota for the current period: target, won, committed, gap and pace (from Settings → Quotas).</p>
        ) : (
          <>
            <Select label="Records" value={d.recordType} onChange={(v) => changeType(v as WidgetRecordType)} options={WIDGET_RECORD_TYPES.map((t) => ({ value: t, label: RECORD_LABELS[t] }))} />
            <Select label="Measure" value={d.fn} onChange={(v) => set({ fn: v as MeasureFn, field: d.field || cat.numberFields[0]?.path || "" })} options={fns.map((f) => ({ value: f, label: FN_LABELS[f] }))} />
            {d.fn !== "count" && d.fn !== "weighted" ? <Select label="Field to measure" value={d.field} onChange={(v) => set({ field: v })} options={cat.numberFields.map((f) => ({ value: f.path, label: f.label }))} /> : null}
            {d.chart !== "kpi" ? (
              <>
                <Select label="Group by" value={d.group1} onChange={(v) => set({ group1: v, ...(v === "" && { group2: "" }) })} options={groupOptions} />
                {d.group1.startsWith("date:") ? <Select label="Bucket (group by)" value={d.bucket1} onChange={(v) => set({ bucket1: v as DateBucket })} options={DATE_BUCKETS.map((b) => ({ value: b, label: b }))} /> : null}
                {d.group1 ? <Select label="Then by (optional)" value={d.group2} onChange={(v) => set({ group2: v })} options={groupOptions.filter((o) => o.value !== d.group1)} /> : null}
                {d.group2.startsWith("date:") ? <Select label="Bucket (then by)" value={d.bucket2} onChange={(v) => set({ bucket2: v as DateBucket })} options={DATE_BUCKETS.map((b) => ({ value: b, label: b }))} /> : null}
              </>
            ) : null}
            <Select label="Period" value={d.periodField} onChange={(v) => set({ periodField: v })} options={[{ value: "", label: "Any time" }, ...cat.dateFields.map((f) => ({ value: f.path, label: `${f.label} in…` }))]} />
            {d.periodField ? <Select label="Period range" value={d.periodPreset} onChange={(v) => set({ periodPreset: v as PeriodPreset })} options={PERIOD_PRESETS.map((p) => ({ value: p, label: PERIOD_LABELS[p] }))} /> : null}
            <div className="sm:col-span-2">
              <FilterBuilder
                key={d.recordType}
                objectType={({ contacts: "CONTACT", companies: "COMPANY", leads: "LEAD", deals: "DEAL", activities: "ACTIVITY" } as const)[d.recordType]}
                fields={fields}
                options={options}
                value={d.filter}
                onChange={(filter) => set({ filter })}
                errors={filterIssues}
                label="Widget filter"
                empty="No conditions: every record counts."
              />
            </div>
          </>
        )}
      </div>
      {issues.length > 0 ? (
        <ul className="space-y-0.5 rounded-md bg-red-50 p-2 text-sm text-red-700">
          {issues.map((i) => (
            <li key={`${i.path}:${i.message}`}>
              <code className="text-xs">{i.path}</code>: {i.message}
            </li>
          ))}
        </ul>
      ) : null}
    </FormDialog>
  );
}
