"use client";
// A new sequence: its steps in order — an email (subject and body with placeholders) or a
// task for the contact's owner — each a delay after the one before, the mailbox its emails
// go from, and the stage changes that stop it for a person. With `sequence`, the same form
// edits it through the PUT service: steps added, removed, reordered (buttons, or Alt+↑/↓ on a
// step), their delays and texts changed.
import { Pencil, Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useFieldArray, useForm, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { TextareaField, TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { MoveButtons } from "@/components/ui/move-buttons";
import { SelectField, withCurrent } from "@/components/ui/select-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { createSequenceAction, updateSequenceAction } from "@/lib/sequences/actions";
import type { SequenceJson } from "@/lib/sequences/view";

interface StepForm {
  kind: "EMAIL" | "TASK";
  delayDays: string;
  delayHours: string;
  subject: string;
  body: string;
}
interface Form {
  name: string;
  mailboxId: string;
  stopOnWon: boolean;
  stopOnLost: boolean;
  track: boolean;
  steps: StepForm[];
}

const emptyStep = (kind: "EMAIL" | "TASK", first: boolean): StepForm => ({ kind, delayDays: first ? "0" : "2", delayHours: "0", subject: "", body: "" });

export function NewSequenceDialog({ mailboxes }: { mailboxes: { id: string; label: string }[] }) {
  return <SequenceDialog mailboxes={mailboxes} />;
}

const defaultsOf = (mailboxes: { id: string }[], q?: SequenceJson): Form =>
  q
    ? {
        name: q.name,
        mailboxId: q.mailboxId,
        stopOnWon: q.stopOnStageStates.includes("DONE_SUCCESS"),
        stopOnLost: q.stopOnStageStates.includes("DONE_FAILED"),
        track: q.track,
        steps: q.steps.map((st) => ({ kind: st.kind, delayDays: String(st.delayDays), delayHours: String(st.delayHours), subject: st.subject, body: st.body })),
      }
    : { name: "", mailboxId: mailboxes[0]?.id ?? "", stopOnWon: true, stopOnLost: true, track: true, steps: [emptyStep("EMAIL", true)] };

/** An error path's form field: a step's field (`steps.1.subject`, also under the edit's `input.`), else its first segment. */
const placeOf = (path: string) => {
  const p = path.replace(/^input\./, "");
  return p.startsWith("steps") ? (p.match(/^steps\.\d+\.\w+/)?.[0] ?? null) : p.split(/[.[]/)[0] || null;
};

/** New sequence, or (with `sequence`) edit one, keeping it paused or running as it is. */
export function SequenceDialog({ mailboxes, sequence }: { mailboxes: { id: string; label: string }[]; sequence?: SequenceJson }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const defaults = defaultsOf(mailboxes, sequence);
  const form = useForm<Form>({ defaultValues: defaults });
  const steps = useFieldArray({ control: form.control, name: "steps" });
  const create = useFormAction(createSequenceAction, form, { place: placeOf });
  const update = useFormAction(updateSequenceAction, form, { place: placeOf });
  const { errors, isSubmitting } = form.formState;
  const kinds = useWatch({ control: form.control, name: "steps" });

  const onSubmit = form.handleSubmit(async (v) => {
    const input = {
      name: v.name,
      mailboxId: v.mailboxId,
      stopOnStageStates: [...(v.stopOnWon ? (["DONE_SUCCESS"] as const) : []), ...(v.stopOnLost ? (["DONE_FAILED"] as const) : [])],
      track: v.track,
      steps: v.steps.map((s) => ({ kind: s.kind, delayDays: Number(s.delayDays || 0), delayHours: Number(s.delayHours || 0), subject: s.subject, body: s.body })),
    };
    if (sequence) {
      const r = await update.run({ id: sequence.id, input });
      if (!r.ok) return;
      setOpen(false);
      router.refresh();
      return;
    }
    const r = await create.run(input);
    if (!r.ok) return;
    setOpen(false);
    form.reset(defaults);
    router.push(`/sequences/${r.data.id}`);
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        form.reset(defaultsOf(mailboxes, sequence));
      }}
      title={sequence ? `Edit ${sequence.name}` : "New sequence"}
      description={
        sequence
          ? "Changes apply to the steps people have not reached yet: someone already past a step is not sent it again, and steps are kept by position (step 2 stays step 2, with its figures), so a reordered step reaches only those who have not got to its new place."
          : "Steps run one after the other for each person enrolled. It stops for a person who replies, bounces or unsubscribes, or whose deal is won or lost (as you choose)."
      }
      trigger={
        sequence ? (
          <Button variant="secondary">
            <Pencil className="size-4" aria-hidden /> Edit
          </Button>
        ) : (
          <Button>
            <Plus className="size-4" aria-hidden /> New sequence
          </Button>
        )
      }
      className="sm:max-w-2xl"
      onSubmit={mailboxes.length ? onSubmit : (e) => (e.preventDefault(), setOpen(false))}
      pending={isSubmitting}
      error={errors.root?.server?.message}
      submitLabel={!mailboxes.length ? "Close" : sequence ? "Save changes" : "Save sequence"}
      pendingLabel="Saving…"
    >
      {!mailboxes.length ? (
        <p className="text-sm text-slate-700">A sequence sends from a mailbox: connect one first in Settings → Email.</p>
      ) : (
        <>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField label="Sequence name" autoComplete="off" {...form.register("name", { required: "is required" })} error={errors.name?.message} />
            <SelectField label="From mailbox" options={withCurrent(mailboxes.map((m) => ({ value: m.id, label: m.label })), sequence?.mailboxId, "The current mailbox")} {...form.register("mailboxId")} />
          </div>
          <fieldset className="space-y-1 text-sm">
            <legend className="font-medium text-slate-900">Stop for a person when their deal is</legend>
            <label className="mr-4 inline-flex items-center gap-2">
              <input type="checkbox" {...form.register("stopOnWon")} /> won
            </label>
            <label className="inline-flex items-center gap-2">
              <input type="checkbox" {...form.register("stopOnLost")} /> lost
            </label>
          </fieldset>
          <label className="inline-flex items-center gap-2 text-sm">
            <input type="checkbox" {...form.register("track")} /> Track opens and clicks
          </label>
          <ol className="space-y-3">
            {steps.fields.map((f, i) => {
              const kind = kinds?.[i]?.kind;
              const e = errors.steps?.[i];
              return (
                <li
                  key={f.id}
                  className="rounded-md border border-slate-200 p-3"
                  onKeyDown={(ev) => {
                    // Alt+↑ / Alt+↓ anywhere in a step moves it
                    const by = ev.altKey && ev.key === "ArrowUp" ? -1 : ev.altKey && ev.key === "ArrowDown" ? 1 : 0;
                    if (!by || i + by < 0 || i + by >= steps.fields.length) return;
                    ev.preventDefault();
                    steps.move(i, i + by);
                  }}
                >
                  <div className="mb-2 flex items-center justify-between">
                    <span className="text-sm font-medium">Step {i + 1}</span>
                    <div className="flex items-center gap-1">
                      <MoveButtons name={`step ${i + 1}`} index={i} count={steps.fields.length} onMove={(by) => steps.move(i, i + by)} />
                      {steps.fields.length > 1 ? (
                        <Button size="sm" variant="ghost" aria-label={`Remove step ${i + 1}`} onClick={() => steps.remove(i)}>
                          <Trash2 className="size-4" aria-hidden />
                        </Button>
                      ) : null}
                    </div>
                  </div>
                  <div className="grid gap-3 sm:grid-cols-3">
                    <SelectField label={`Step ${i + 1} kind`} options={[{ value: "EMAIL", label: "Email" }, { value: "TASK", label: "Task for the owner" }]} {...form.register(`steps.${i}.kind`)} />
                    <TextField label={`Step ${i + 1} wait days`} type="number" min={0} max={365} inputMode="numeric" {...form.register(`steps.${i}.delayDays`)} error={e?.delayDays?.message} />
                    <TextField label={`Step ${i + 1} wait hours`} type="number" min={0} max={23} inputMode="numeric" {...form.register(`steps.${i}.delayHours`)} error={e?.delayHours?.message} />
                  </div>
                  <TextField className="mt-3" label={`Step ${i + 1} ${kind === "TASK" ? "task" : "subject"}`} autoComplete="off" {...form.register(`steps.${i}.subject`, { required: "is required" })} error={e?.subject?.message} />
                  {kind === "EMAIL" ? <TextareaField className="mt-3" label={`Step ${i + 1} message`} rows={5} {...form.register(`steps.${i}.body`, { required: "is required" })} error={e?.body?.message} /> : null}
                </li>
              );
            })}
          </ol>
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => steps.append(emptyStep("EMAIL", false))}>
              <Plus className="size-4" aria-hidden /> Add email step
            </Button>
            <Button variant="secondary" onClick={() => steps.append(emptyStep("TASK", false))}>
              <Plus className="size-4" aria-hidden /> Add task step
            </Button>
          </div>
        </>
      )}
    </FormDialog>
  );
}
