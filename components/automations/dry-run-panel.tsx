"use client";

// Dry run: a record and an event in, the automations that would fire out — in order, why
// the others would not, and exactly what each would send. Reads only; nothing is sent.
import { zodResolver } from "@hookform/resolvers/zod";
import { FlaskConical } from "lucide-react";
import Link from "next/link";
import { useId, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { RecordPicker } from "@/components/record-form/record-picker";
import { Badge } from "@/components/ui/badge";
import { CodeBlock } from "@/components/ui/code-block";
import { FormAlert } from "@/components/ui/form-alert";
import { SelectField } from "@/components/ui/select-field";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/components/ui/use-form-action";
import { dryRunAction } from "@/lib/automations/actions";
import type { AutomationFormOptions } from "@/lib/automations/form-options";
import { AUTOMATION_ENTITY_TYPES, TRIGGER_EVENTS, type TriggerEvent } from "@/lib/automations/schemas";
import { actionTypeLabel, ENTITY_TYPES, hasPipelinesFor, isListEvent, isStageEvent, scopeLabel, TRIGGERS, type EntityType } from "./labels";

type DryRunResult = NonNullable<NonNullable<Awaited<ReturnType<typeof dryRunAction>>>["data"]>[number];

const NONE = { value: "", label: "—" };

const formSchema = z.object({
  entityType: z.enum(AUTOMATION_ENTITY_TYPES),
  record: z
    .object({ id: z.string(), label: z.string() })
    .nullable()
    .refine((r) => r !== null, "Pick a record first."),
  triggerEvent: z.enum(TRIGGER_EVENTS),
  fromStageId: z.string(),
  toStageId: z.string(),
  listId: z.string(),
});
type Form = z.input<typeof formSchema>;

export interface DryRunPreset {
  entityType: EntityType;
  triggerEvent: TriggerEvent;
  fromStageId?: string;
  toStageId?: string;
  listId?: string;
}

export function DryRunPanel({ options, preset, highlightId }: { options: AutomationFormOptions; preset?: DryRunPreset; highlightId?: string }) {
  const headingId = useId();
  const form = useForm<Form>({
    resolver: zodResolver(formSchema),
    defaultValues: { entityType: preset?.entityType ?? "DEAL", record: null, triggerEvent: preset?.triggerEvent ?? "record.updated", fromStageId: preset?.fromStageId ?? "", toStageId: preset?.toStageId ?? "", listId: preset?.listId ?? "" },
  });
  // Every refusal goes to the form's alert: the fields here are pickers, not free text.
  const action = useFormAction(dryRunAction, form, { place: () => null });
  const { errors, isSubmitting } = form.formState;
  const [entityType, record, triggerEvent] = useWatch({ control: form.control, name: ["entityType", "record", "triggerEvent"] });
  const [results, setResults] = useState<DryRunResult[] | null>(null);

  const pipelines = options.pipelines.filter((p) => p.objectType === entityType);
  const hasPipelines = hasPipelinesFor(entityType, pipelines.length);
  const stages = [NONE, ...pipelines.flatMap((p) => p.stages.map((s) => ({ value: s.id, label: pipelines.length > 1 ? `${p.name} › ${s.name}` : s.name })))];
  const lists = [NONE, ...options.lists.filter((l) => l.objectType === entityType).map((l) => ({ value: l.id, label: l.name }))];

  const run = form.handleSubmit(async (v) => {
    if (!v.record) return;
    const stage = isStageEvent(v.triggerEvent);
    const r = await action.run({
      entityType: v.entityType,
      entityId: v.record.id,
      triggerEvent: v.triggerEvent,
      ...(stage && v.fromStageId ? { fromStageId: v.fromStageId } : {}),
      ...(stage && v.toStageId ? { toStageId: v.toStageId } : {}),
      ...(isListEvent(v.triggerEvent) && v.listId ? { listId: v.listId } : {}),
    });
    if (r.ok) setResults([...r.data].sort((a, b) => Number(b.wouldFire) - Number(a.wouldFire) || (a.order ?? 0) - (b.order ?? 0) || a.priority - b.priority));
  });

  return (
    <section aria-labelledby={headingId} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <div>
        <h2 id={headingId} className="flex items-center gap-2 text-base font-semibold text-slate-900">
          <FlaskConical className="size-4 text-brand-600" aria-hidden /> Dry run
        </h2>
        <p className="text-sm text-slate-600">Pick a record and an event to see which automations would fire, in what order, and the exact request each would send. Nothing is sent or saved.</p>
      </div>
      <form onSubmit={run} noValidate aria-label="Dry run" className="space-y-3">
        <FormAlert message={errors.root?.server?.message ?? errors.record?.message} />
        <div className="grid gap-3 sm:grid-cols-3">
          <SelectField
            label="Record type"
            options={ENTITY_TYPES}
            {...form.register("entityType", {
              onChange: () => {
                form.setValue("record", null);
                form.setValue("fromStageId", "");
                form.setValue("toStageId", "");
                form.setValue("listId", "");
              },
            })}
          />
          <div className="sm:col-span-2">
            <RecordPicker
              kind={{ recordType: entityType, noun: ENTITY_TYPES.find((t) => t.value === entityType)!.label.toLowerCase() }}
              label="Dry run record"
              value={record?.id ?? null}
              valueLabel={record?.label ?? null}
              onChange={(id, label) => form.setValue("record", id ? { id, label: label ?? id } : null, { shouldValidate: form.formState.isSubmitted })}
            />
          </div>
        </div>
        <div className="grid gap-3 sm:grid-cols-3">
          <SelectField label="Event" options={TRIGGERS.filter((t) => hasPipelines || !isStageEvent(t.value))} {...form.register("triggerEvent")} />
          {isStageEvent(triggerEvent) ? (
            <>
              <SelectField label="From stage (dry run)" options={stages} {...form.register("fromStageId")} />
              <SelectField label="To stage (dry run)" options={stages} {...form.register("toStageId")} />
            </>
          ) : null}
          {isListEvent(triggerEvent) ? <SelectField label="List (dry run)" options={lists} {...form.register("listId")} /> : null}
        </div>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Running…" : "Run dry run"}
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
const pre = "mt-1 max-h-80 p-2";

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
            <CodeBlock className={pre}>{Object.entries(r.request.headers).map(([k, v]) => `${k}: ${v}`).join("\n")}</CodeBlock>
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
            <CodeBlock className={pre}>{prettyBody(r.request.body)}</CodeBlock>
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
      <CodeBlock className={pre}>{detail.value}</CodeBlock>
    </div>
  );
}
