"use client";

// Dry run: a record and an event in, the automations that would fire out — in order, why
// the others would not, and exactly what each would send. Reads only; nothing is sent.
import { FlaskConical } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import Link from "next/link";
import { useId, useState } from "react";
import { dryRunAction } from "@/lib/automations/actions";
import type { AutomationFormOptions } from "@/lib/automations/form-options";
import { RecordPicker } from "@/components/record-form/record-picker";
import { actionErrorMessage } from "@/components/settings/action-result";
import { Badge } from "@/components/settings/badge";
import { FormAlert } from "@/components/settings/form-alert";
import { SelectField } from "@/components/settings/select-field";
import { Button } from "@/components/ui/button";
import type { TriggerEvent } from "@/lib/automations/schemas";
import { actionTypeLabel, ENTITY_TYPES, hasPipelinesFor, isListEvent, isStageEvent, scopeLabel, TRIGGERS, type EntityType } from "./labels";

type DryRunResult = Extract<NonNullable<Awaited<ReturnType<typeof dryRunAction>>["data"]>, { ok: true }>["data"][number];

const NONE = { value: "", label: "—" };

export interface DryRunPreset {
  entityType: EntityType;
  triggerEvent: TriggerEvent;
  fromStageId?: string;
  toStageId?: string;
  listId?: string;
}

export function DryRunPanel({ options, preset, highlightId }: { options: AutomationFormOptions; preset?: DryRunPreset; highlightId?: string }) {
  const headingId = useId();
  const action = useAction(dryRunAction);
  const [entityType, setEntityType] = useState<EntityType>(preset?.entityType ?? "DEAL");
  const [record, setRecord] = useState<{ id: string; label: string } | null>(null);
  const [triggerEvent, setTriggerEvent] = useState<TriggerEvent>(preset?.triggerEvent ?? "record.updated");
  const [fromStageId, setFromStageId] = useState(preset?.fromStageId ?? "");
  const [toStageId, setToStageId] = useState(preset?.toStageId ?? "");
  const [listId, setListId] = useState(preset?.listId ?? "");
  const [error, setError] = useState<string>();
  const [results, setResults] = useState<DryRunResult[] | null>(null);

  const pipelines = options.pipelines.filter((p) => p.objectType === entityType);
  const hasPipelines = hasPipelinesFor(entityType, pipelines.length);
  const stages = [NONE, ...pipelines.flatMap((p) => p.stages.map((s) => ({ value: s.id, label: pipelines.length > 1 ? `${p.name} › ${s.name}` : s.name })))];
  const lists = [NONE, ...options.lists.filter((l) => l.objectType === entityType).map((l) => ({ value: l.id, label: l.name }))];

  const run = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(undefined);
    if (!record) return setError("Pick a record first.");
    const stage = isStageEvent(triggerEvent);
    const r = await action.executeAsync({
      entityType,
      entityId: record.id,
      triggerEvent,
      ...(stage && fromStageId ? { fromStageId } : {}),
      ...(stage && toStageId ? { toStageId } : {}),
      ...(isListEvent(triggerEvent) && listId ? { listId } : {}),
    });
    const failed = actionErrorMessage(r) ?? (r.data && !r.data.ok ? r.data.message : null);
    if (failed) return setError(failed);
    if (r.data?.ok) setResults([...r.data.data].sort((a, b) => Number(b.wouldFire) - Number(a.wouldFire) || (a.order ?? 0) - (b.order ?? 0) || a.priority - b.priority));
  };

  return (
    <section aria-labelledby={headingId} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <div>
        <h2 id={headingId} className="flex items-center gap-2 text-base font-semibold text-slate-900">
          <FlaskConical className="size-4 text-brand-600" aria-hidden /> Dry run
        </h2>
        <p className="text-sm text-slate-600">Pick a record and an event to see which automations would fire, in what order, and the exact request each would send. Nothing is sent or saved.</p>
      </div>
      <form onSubmit={run} noValidate aria-label="Dry run" className="space-y-3">
        <FormAlert message={error} />
        <div className="grid gap-3 sm:grid-cols-3">
          <SelectField
            label="Record type"
            options={ENTITY_TYPES}
            value={entityType}
            onChange={(e) => {
              setEntityType(e.target.value as EntityType);
              setRecord(null);
              setFromStageId("");
              setToStageId("");
              setListId("");
            }}
          />
          <div className="sm:col-span-2">
            <RecordPicker
              kind={{ recordType: entityType, noun: ENTITY_TYPES.find((t) => t.value === entityType)!.label.toLowerCase() }}
              label="Dry run record"
              value={record?.id ?? null}
              valueLabel={record?.label ?? null}
              onChange={(id, label) => setRecord(id ? { id, label: label ?? id } : null)}
            />
          </div>
        </div>
        <div className="grid gap-3 sm:grid-cols-3">
          <SelectField label="Event" options={TRIGGERS.filter((t) => hasPipelines || !isStageEvent(t.value))} value={triggerEvent} onChange={(e) => setTriggerEvent(e.target.value as TriggerEvent)} />
          {isStageEvent(triggerEvent) ? (
            <>
              <SelectField label="From stage (dry run)" options={stages} value={fromStageId} onChange={(e) => setFromStageId(e.target.value)} />
              <SelectField label="To stage (dry run)" options={stages} value={toStageId} onChange={(e) => setToStageId(e.target.value)} />
            </>
          ) : null}
          {isListEvent(triggerEvent) ? <SelectField label="List (dry run)" options={lists} value={listId} onChange={(e) => setListId(e.target.value)} /> : null}
        </div>
        <Button type="submit" disabled={action.isExecuting}>
          {action.isExecuting ? "Running…" : "Run dry run"}
        </Button>
      </form>
      {results ? <DryRunResults results={results} highlightId={highlightId} /> : null}
    </section>
  );
}

function DryRunResults({ results, highlightId }: { results: DryRunResult[]; highlightId?: string }) {
  if (results.length === 0) return <p role="status" className="text-sm text-slate-600">No automation of this record type listens to this event.</p>;
  const firing = results.filter((r) => r.wouldFire).length;
  return (
    <div className="space-y-3">
      <p role="status" className="text-sm text-slate-700">
        {firing === 0 ? "No automation would fire." : `${firing} automation${firing === 1 ? "" : "s"} would fire, in this order.`}
      </p>
      <ol aria-label="Dry run results" className="space-y-3">
        {results.map((r) => (
          <li key={r.automationId} className={`rounded-md border p-3 ${r.automationId === highlightId ? "border-brand-500" : "border-slate-200"}`}>
            <div className="flex flex-wrap items-center gap-2">
              {r.wouldFire ? <Badge tone="green">Would fire{r.order != null ? ` · #${r.order}` : ""}</Badge> : <Badge>Would not fire</Badge>}
              <Link href={`/settings/automations/${r.automationId}`} className="font-medium text-brand-700 hover:underline">
                {r.name}
              </Link>
              <span className="text-xs text-slate-600">
                {actionTypeLabel(r.actionType)} · {scopeLabel(r.scopeType)} · priority {r.priority}
              </span>
            </div>
            <p className="mt-1 text-sm text-slate-700">{r.reason}</p>
            {r.wouldFire ? <WouldSend result={r} /> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

const pretty = (v: unknown) => JSON.stringify(v, null, 2);
function prettyBody(body: string) {
  try {
    return pretty(JSON.parse(body));
  } catch {
    return body;
  }
}
const pre = "mt-1 max-h-80 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs text-slate-800";

function WouldSend({ result: r }: { result: DryRunResult }) {
  if (r.request) {
    return (
      <dl className="mt-2 space-y-2 text-sm" aria-label={`Request of ${r.name}`}>
        <div>
          <dt className="font-medium text-slate-700">Request</dt>
          <dd className="font-mono text-xs break-all">
            {r.request.method} {r.request.url}
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">Headers</dt>
          <dd>
            <pre className={pre}>{Object.entries(r.request.headers).map(([k, v]) => `${k}: ${v}`).join("\n")}</pre>
          </dd>
        </div>
        {r.dryRunSecret ? (
          <div>
            <dt className="font-medium text-slate-700">Signature</dt>
            <dd className="text-xs text-slate-700">
              Signed with a throwaway secret made for this dry run, not the automation&apos;s: a receiver rejects this signature. It verifies with{" "}
              <code className="break-all">{r.dryRunSecret}</code>.
            </dd>
          </div>
        ) : null}
        <div>
          <dt className="font-medium text-slate-700">Body</dt>
          <dd>
            <pre className={pre}>{prettyBody(r.request.body)}</pre>
          </dd>
        </div>
      </dl>
    );
  }
  const detail = r.steps ? { label: "Steps", value: pretty(r.steps) } : r.prompt ? { label: "Prompt", value: r.prompt } : r.event ? { label: "Event", value: pretty(r.event) } : null;
  if (!detail) return null;
  return (
    <div className="mt-2 text-sm">
      <p className="font-medium text-slate-700">{detail.label}</p>
      <pre className={pre}>{detail.value}</pre>
    </div>
  );
}
