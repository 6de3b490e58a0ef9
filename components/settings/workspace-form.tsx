"use client";

// Settings → Workspace: name, time zone (periods and dates of analytics follow it) and the
// default currency of new deals. Admins save; others see the values read only.
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { SelectField } from "@/components/ui/select-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { updateWorkspaceAction } from "@/lib/workspace/actions";
import type { Workspace } from "@/lib/workspace/schemas";

export function WorkspaceForm({ initial, zones, canEdit }: { initial: Workspace; zones: string[]; canEdit: boolean }) {
  const router = useRouter();
  const form = useForm<Workspace>({ defaultValues: initial });
  const action = useFormAction(updateWorkspaceAction, form);
  const { errors, isSubmitting } = form.formState;
  const options = (zones.includes(initial.timeZone) ? zones : [initial.timeZone, ...zones]).map((z) => ({ value: z, label: z }));

  const onSubmit = form.handleSubmit(async (values) => {
    const r = await action.run(values);
    if (!r.ok) return;
    toast.success("Workspace saved");
    form.reset(r.data);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Workspace settings" className="max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <FormAlert message={errors.root?.server?.message} />
      <fieldset disabled={!canEdit} className="space-y-4">
        <TextField label="Workspace name" autoComplete="organization" error={errors.name?.message} {...form.register("name")} />
        <SelectField label="Time zone" hint="Report periods, pipeline metrics and the board's “as of” dates are whole days in this zone." options={options} error={errors.timeZone?.message} {...form.register("timeZone")} />
        <TextField label="Default currency" hint="Three letters (ISO 4217), for new deals." maxLength={3} className="w-40" error={errors.currency?.message} {...form.register("currency")} />
      </fieldset>
      {canEdit ? (
        <div className="flex justify-end">
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? "Saving…" : "Save workspace"}
          </Button>
        </div>
      ) : (
        <p className="text-sm text-slate-600">Only admins can change these settings.</p>
      )}
    </form>
  );
}
