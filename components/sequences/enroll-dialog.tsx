"use client";
// Enroll someone in a sequence: on a contact's page (that contact), or on a sequence's
// page (every contact of a list).
import { ListOrdered } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { enrollAction } from "@/lib/sequences/actions";

type Props =
  | { mode: "contact"; contactId: string; sequences: { id: string; name: string }[] }
  | { mode: "list"; sequenceId: string; lists: { id: string; name: string; memberCount: number }[] };

export function EnrollDialog(props: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const choices = props.mode === "contact" ? props.sequences.map((q) => ({ value: q.id, label: q.name })) : props.lists.map((l) => ({ value: l.id, label: `${l.name} (${l.memberCount})` }));
  const form = useForm<{ pick: string }>({ defaultValues: { pick: choices[0]?.value ?? "" } });
  const action = useFormAction(enrollAction, form, { place: () => "pick" });
  const { errors, isSubmitting } = form.formState;
  const title = props.mode === "contact" ? "Enroll in sequence" : "Enroll a list";

  const onSubmit = form.handleSubmit(async ({ pick }) => {
    const r = await action.run(props.mode === "contact" ? { sequenceId: pick, contactId: props.contactId } : { sequenceId: props.sequenceId, listId: pick });
    if (!r.ok) return;
    toast.success(props.mode === "contact" ? "Enrolled: the first step is on its way" : `${r.data.enrolled} enrolled${r.data.skipped ? `, ${r.data.skipped} skipped (already in it, no address, or unsubscribed)` : ""}`);
    setOpen(false);
    router.refresh();
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      title={title}
      trigger={
        <Button variant="secondary">
          <ListOrdered className="size-4" aria-hidden /> {title}
        </Button>
      }
      onSubmit={choices.length ? onSubmit : (e) => (e.preventDefault(), setOpen(false))}
      pending={isSubmitting}
      error={errors.root?.server?.message}
      submitLabel={choices.length ? "Enroll" : "Close"}
      pendingLabel="Enrolling…"
    >
      {choices.length ? (
        <SelectField label={props.mode === "contact" ? "Sequence" : "List of contacts"} options={choices} {...form.register("pick")} error={errors.pick?.message} />
      ) : (
        <p className="text-sm text-slate-700">{props.mode === "contact" ? "No sequences yet: a manager writes them under Sequences." : "No lists of contacts yet."}</p>
      )}
    </FormDialog>
  );
}
