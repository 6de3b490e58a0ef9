"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { asGroup, FilterBuilder, type FilterField, type FilterValueOptions } from "@/components/filter-builder";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { toastResult } from "@/components/ui/toast-result";
import { ACTIVITY_TYPES } from "@/db/schema/enums";
import { actionFailure } from "@/lib/action-result";
import type { ValidationIssue } from "@/lib/errors";
import type { FilterGroup } from "@/lib/filters/schema";
import { saveLeadScoringAction } from "@/lib/scoring/actions";
import { RESCORE_QUERY_KEY } from "./rescore-progress";

interface DraftRule {
  key: string;
  id?: string;
  label: string;
  condition: FilterGroup;
  points: string;
}

export interface LeadScoringValue {
  rules: { id: string; label: string; condition: unknown; points: number }[];
  activityPoints: Partial<Record<(typeof ACTIVITY_TYPES)[number], number>>;
  decayDays: number | null;
}

const TYPE_LABELS: Record<(typeof ACTIVITY_TYPES)[number], string> = { CALL: "Call", EMAIL: "Email", MEETING: "Meeting", NOTE: "Note", TASK: "Task" };

let keys = 0;
const newKey = () => `rule-${++keys}`;

/** Rules (a condition with the shared filter builder, and points), activity points per type, decay. */
export function LeadScoringForm({ value, fields, options }: { value: LeadScoringValue; fields: FilterField[]; options: FilterValueOptions }) {
  const queryClient = useQueryClient();
  const [rules, setRules] = useState<DraftRule[]>(() => value.rules.map((r) => ({ key: newKey(), id: r.id, label: r.label, condition: asGroup(r.condition as FilterGroup), points: String(r.points) })));
  const [points, setPoints] = useState<Record<string, string>>(() => Object.fromEntries(ACTIVITY_TYPES.map((t) => [t, String(value.activityPoints[t] ?? "")])));
  const [decay, setDecay] = useState(value.decayDays ? String(value.decayDays) : "");
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  const num = (s: string) => (s.trim() === "" ? undefined : Number(s));
  const issueAt = (path: string) => issues.find((i) => i.path === path)?.message;
  const update = (key: string, patch: Partial<DraftRule>) => setRules((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setPending(true);
    const input = {
      rules: rules.map((r) => ({ ...(r.id ? { id: r.id } : {}), label: r.label, condition: r.condition, points: num(r.points) ?? Number.NaN })),
      activityPoints: Object.fromEntries(ACTIVITY_TYPES.flatMap((t) => (num(points[t] ?? "") === undefined ? [] : [[t, num(points[t]!)]]))),
      decayDays: num(decay) ?? null,
    };
    const r = await saveLeadScoringAction(input as never);
    setPending(false);
    const failure = actionFailure(r);
    setIssues(failure?.issues ?? []);
    setError(failure ? failure.message : undefined);
    if (toastResult(r, "Scoring saved: every lead is being rescored")) {
      setRules(r!.data!.rules.map((x) => ({ key: newKey(), id: x.id, label: x.label, condition: asGroup(x.condition as FilterGroup), points: String(x.points) })));
      queryClient.setQueryData(RESCORE_QUERY_KEY, r!.data!.rescore);
    }
  };

  return (
    <form onSubmit={save} className="space-y-6" aria-label="Lead scoring">
      <section aria-labelledby="rules-heading" className="space-y-3">
        <h2 id="rules-heading" className="text-lg font-medium text-slate-900">
          Rules
        </h2>
        {rules.length === 0 ? <p className="text-sm text-slate-600">No rules yet: a lead scores only by its activities.</p> : null}
        <ol className="space-y-3">
          {rules.map((r, i) => (
            <li key={r.key} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-end gap-3">
                <TextField className="min-w-56 flex-1" label={`Rule ${i + 1} label`} value={r.label} onChange={(e) => update(r.key, { label: e.target.value })} error={issueAt(`rules[${i}].label`)} placeholder="Rating is hot" />
                <TextField className="w-32" label={`Rule ${i + 1} points`} type="number" min={-100} max={100} step={1} value={r.points} onChange={(e) => update(r.key, { points: e.target.value })} error={issueAt(`rules[${i}].points`)} />
                <Button type="button" variant="ghost" aria-label={`Remove rule ${i + 1}`} onClick={() => setRules((rs) => rs.filter((x) => x.key !== r.key))}>
                  <Trash2 className="size-4" aria-hidden />
                </Button>
              </div>
              <FilterBuilder
                objectType="LEAD"
                fields={fields.filter((f) => f.path !== "score")}
                value={r.condition}
                onChange={(condition) => update(r.key, { condition })}
                errors={issues.filter((x) => x.path.startsWith(`rules[${i}].condition`)).map((x) => ({ ...x, path: x.path.replace(`rules[${i}].condition`, "filter") }))}
                options={options}
                label={`Rule ${i + 1} condition`}
                empty="No conditions: every lead matches."
              />
            </li>
          ))}
        </ol>
        <Button type="button" variant="secondary" onClick={() => setRules((rs) => [...rs, { key: newKey(), label: "", condition: { all: [] }, points: "10" }])}>
          <Plus className="size-4" aria-hidden /> Add rule
        </Button>
      </section>

      <section aria-labelledby="activity-heading" className="space-y-3">
        <h2 id="activity-heading" className="text-lg font-medium text-slate-900">
          Activity points
        </h2>
        <p className="text-sm text-slate-600">Points for each activity of a type on the lead (−100 to 100).</p>
        <div className="flex flex-wrap gap-3">
          {ACTIVITY_TYPES.map((t) => (
            <TextField key={t} className="w-32" label={`${TYPE_LABELS[t]} points`} type="number" min={-100} max={100} step={1} value={points[t]} onChange={(e) => setPoints((p) => ({ ...p, [t]: e.target.value }))} error={issueAt(`activityPoints.${t}`)} />
          ))}
        </div>
        <TextField className="w-64" label="Decay after (days)" hint="Activities older than this count half. Empty: no decay." type="number" min={1} step={1} value={decay} onChange={(e) => setDecay(e.target.value)} error={issueAt("decayDays")} />
      </section>

      <FormAlert message={issues.length ? undefined : error} />
      {issues.length ? (
        <ul role="alert" className="space-y-0.5 rounded-md bg-red-50 p-2 text-sm text-red-700">
          {issues.map((x) => (
            <li key={`${x.path}:${x.message}`}>
              <code className="text-xs">{x.path}</code>: {x.message}
            </li>
          ))}
        </ul>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save scoring"}
      </Button>
    </form>
  );
}
