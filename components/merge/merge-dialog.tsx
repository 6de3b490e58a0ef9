"use client";

// The merge dialog: the records side by side, which one keeps its page (the survivor),
// and per field which value wins — defaulting to the rule of the merge service (the
// survivor's value, or the first non-empty one). One click merges; then the survivor's
// page opens.
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { toast } from "sonner";
import { RECORD_FIELDS } from "@/components/record-form/fields";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { actionData, actionMessage } from "@/lib/action-result";
import { loadMergeViewAction, mergeRecordsAction } from "@/lib/merge/actions";
import { planMerge, type MergeKind } from "@/lib/merge/rules";
import type { MergeView, MergeViewRecord } from "@/lib/merge/view";
import { KIND_WORDS, recordPath } from "@/lib/records/kinds";

function rowOf(r: MergeViewRecord) {
  const row: Record<string, unknown> & { id: string } = { id: r.id, customFields: {} };
  for (const [k, v] of Object.entries(r.values)) {
    if (k.startsWith("customFields.")) (row.customFields as Record<string, unknown>)[k.slice("customFields.".length)] = v;
    else row[k] = v;
  }
  return row;
}

function MergeForm({ kind, view, onDone }: { kind: MergeKind; view: MergeView; onDone: () => void }) {
  const router = useRouter();
  const words = KIND_WORDS[kind];
  const [survivorId, setSurvivorId] = useState(view.records[0]!.id);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const survivor = view.records.find((r) => r.id === survivorId)!;
  const others = view.records.filter((r) => r.id !== survivorId);
  const fields = [...RECORD_FIELDS[kind].map((f) => ({ name: f.name, label: f.label })), ...view.customFields].filter((f) => view.records.some((r) => r.display[f.name] !== null && r.display[f.name] !== undefined));
  const defaults = useMemo(() => {
    const plan = planMerge(rowOf(survivor), others.map(rowOf), Object.keys(survivor.values).filter((k) => !k.startsWith("customFields.")));
    return "winners" in plan ? plan.winners : {};
  }, [survivor, others]);
  const winner = (field: string) => choices[field] ?? defaults[field] ?? survivorId;
  const tags = [...new Set([survivor, ...others].flatMap((r) => r.tags))];

  const merge = async () => {
    setPending(true);
    setError(undefined);
    // only the choices that differ from the rule's: the server applies the rule to the rest
    const fieldsChosen = Object.fromEntries(Object.entries(choices).filter(([f, id]) => id !== (defaults[f] ?? survivorId)));
    const result = await mergeRecordsAction({ kind, survivorId, mergeIds: others.map((r) => r.id), fields: fieldsChosen });
    setPending(false);
    const failure = actionMessage(result);
    if (failure) {
      setError(failure);
      return;
    }
    toast.success(`Merged ${others.length + 1} ${words.plural} into ${survivor.title}`);
    onDone();
    router.push(recordPath(kind, survivorId));
    router.refresh();
  };

  return (
    <div className="space-y-4">
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Which {words.singular} keeps its page</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {view.records.map((r) => (
            <label key={r.id} className="flex items-center gap-1.5 text-sm">
              <input
                type="radio"
                name="survivor"
                value={r.id}
                checked={r.id === survivorId}
                onChange={() => {
                  setSurvivorId(r.id);
                  setChoices({});
                }}
              />
              {r.title}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="space-y-2">
        <p className="text-sm font-medium text-slate-700">Which value wins</p>
        {fields.map((f) => (
          <fieldset key={f.name} className="grid grid-cols-[8rem_1fr] items-start gap-2 border-t border-slate-100 pt-2">
            <legend className="float-left w-32 pt-0.5 text-sm text-slate-600">{f.label}</legend>
            <div className="flex flex-wrap gap-x-4 gap-y-1">
              {view.records.map((r) => (
                <label key={r.id} className="flex items-center gap-1.5 text-sm">
                  <input type="radio" name={`field-${f.name}`} value={r.id} checked={winner(f.name) === r.id} onChange={() => setChoices((c) => ({ ...c, [f.name]: r.id }))} />
                  <span className={r.display[f.name] ? "" : "text-slate-500"}>{r.display[f.name] ?? "(empty)"}</span>
                  <span className="sr-only">from {r.title}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ))}
      </div>
      {tags.length ? <p className="text-sm text-slate-600">Tags (all kept): {tags.join(", ")}</p> : null}
      <p className="text-sm text-slate-600">
        Activities, followers, list memberships{kind === "COMPANY" ? ", contacts" : ""}, deals and tickets of the others move to {survivor.title}; the others are deleted, and {survivor.title}&apos;s page keeps a history of the merge.
      </p>
      <FormAlert message={error} />
      <div className="flex justify-end">
        <Button onClick={merge} disabled={pending}>
          {pending ? "Merging…" : `Merge into ${survivor.title}`}
        </Button>
      </div>
    </div>
  );
}

/** The dialog over `ids` (the first is the default survivor), loaded when opened. */
export function MergeDialog({ kind, ids, open, onOpenChange }: { kind: MergeKind; ids: string[]; open: boolean; onOpenChange: (open: boolean) => void }) {
  const words = KIND_WORDS[kind];
  const view = useQuery({ queryKey: ["merge-view", kind, ids], queryFn: () => actionData(loadMergeViewAction({ kind, ids })), enabled: open, staleTime: 0 });
  return (
    <Modal open={open} onOpenChange={onOpenChange} title={`Merge ${words.plural}`} description={`Pick the ${words.singular} that stays and, per field, the value it keeps.`} className="max-w-3xl">
      {view.isPending ? <p className="text-sm text-slate-600">Loading…</p> : null}
      {view.isError ? <FormAlert message={view.error.message} /> : null}
      {view.data && view.data.records.length < 2 ? <FormAlert message={`These ${words.plural} can no longer be merged: one of them is gone or out of your reach.`} /> : null}
      {view.data && view.data.records.length >= 2 ? <MergeForm key={view.data.records.map((r) => r.id).join()} kind={kind} view={view.data} onDone={() => onOpenChange(false)} /> : null}
    </Modal>
  );
}

/** A button that opens the merge dialog over `ids`. */
export function MergeButton({ kind, ids, label, ariaLabel }: { kind: MergeKind; ids: string[]; label: string; ariaLabel?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)} aria-label={ariaLabel}>
        {label}
      </Button>
      {open ? <MergeDialog kind={kind} ids={ids} open={open} onOpenChange={setOpen} /> : null}
    </>
  );
}
