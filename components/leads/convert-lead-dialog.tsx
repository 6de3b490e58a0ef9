"use client";

// "Convert" on a lead's page: the dialog first shows what will happen (the contact and the
// company it reuses or creates, the fields it fills on reused ones, the deal it proposes),
// then one click converts and the user lands on the deal, or on the contact without one.
import { useAction } from "next-safe-action/hooks";
import { ArrowRightLeft } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { actionFailure } from "@/lib/action-result";
import { convertLeadAction, previewConversionAction } from "@/lib/leads/actions";
import type { PlannedRecord } from "@/lib/leads/convert";
import { PlannedRecordLine } from "./planned-record";

interface Form {
  withDeal: boolean;
  name: string;
  pipelineId: string;
  stageId: string;
  amount: string;
  closeDate: string;
}

type Preview = NonNullable<Awaited<ReturnType<typeof previewConversionAction>>["data"]>;

export function ConvertLeadDialog({ id, title }: { id: string; title: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const form = useForm<Form>({ defaultValues: { withDeal: true, name: "", pipelineId: "", stageId: "", amount: "", closeDate: "" } });
  const action = useFormAction(convertLeadAction, form, { place: (path) => (path.startsWith("input.deal.") ? path.slice("input.deal.".length).split(/[.[]/)[0] ?? null : null) });
  const load = useAction(previewConversionAction);
  const [withDeal, pipelineId] = useWatch({ control: form.control, name: ["withDeal", "pipelineId"] });
  const { errors, isSubmitting } = form.formState;

  const openDialog = async () => {
    setOpen(true);
    setPreview(null);
    setLoadError(null);
    const result = await load.executeAsync({ id });
    const failure = actionFailure(result);
    if (failure || !result?.data) {
      setLoadError(failure?.message ?? "Could not load what the conversion would do");
      return;
    }
    const p = result.data;
    setPreview(p);
    const pipeline = p.pipelines.find((x) => x.isDefault) ?? p.pipelines[0];
    form.reset({ withDeal: true, name: p.deal.name, pipelineId: pipeline?.id ?? "", stageId: pipeline?.stages[0]?.id ?? "", amount: p.deal.amount ?? "", closeDate: "" });
  };

  const pipeline = preview?.pipelines.find((p) => p.id === pipelineId);
  const onSubmit = form.handleSubmit(async (v) => {
    const deal = v.withDeal
      ? { name: v.name.trim() || undefined, pipelineId: v.pipelineId || undefined, stageId: v.stageId || undefined, amount: v.amount.trim() || null, closeDate: v.closeDate || null }
      : null;
    const r = await action.run({ id, input: { deal } });
    if (!r.ok) return;
    toast.success(`${title} converted`);
    setOpen(false);
    router.push(r.data.dealId ? `/deals/${r.data.dealId}` : `/contacts/${r.data.contactId}`);
  });

  return (
    <>
      <Button variant="primary" onClick={() => void openDialog()}>
        <ArrowRightLeft className="size-4" aria-hidden /> Convert
      </Button>
      <FormDialog
        open={open}
        onOpenChange={setOpen}
        title={`Convert ${title}`}
        description="The lead becomes a contact (and a company and a deal). Its activities, tags, followers and list memberships move to the contact."
        className="max-w-xl"
        onSubmit={onSubmit}
        pending={isSubmitting}
        error={errors.root?.server?.message ?? loadError}
        submitLabel="Convert"
        pendingLabel="Converting…"
        submitDisabled={!preview}
      >
        {!preview && !loadError ? <p className="text-sm text-slate-500">Working out what will happen…</p> : null}
        {preview ? (
          <>
            <ul className="space-y-2 text-sm" aria-label="What will happen">
              <PlannedRecordLine what="Contact" plan={preview.contact as PlannedRecord} />
              {preview.company ? <PlannedRecordLine what="Company" plan={preview.company as PlannedRecord} /> : <li>No company: the lead names none, and its email is from a free-mail provider or has no company.</li>}
            </ul>
            <label className="flex items-center gap-2 text-sm font-medium">
              <input type="checkbox" {...form.register("withDeal")} /> Create a deal
            </label>
            {withDeal ? (
              <fieldset className="grid gap-3 sm:grid-cols-2">
                <legend className="sr-only">The deal</legend>
                <TextField label="Deal name" className="sm:col-span-2" {...form.register("name")} error={errors.name?.message} />
                <SelectField
                  label="Pipeline"
                  options={preview.pipelines.map((p) => ({ value: p.id, label: p.name }))}
                  {...form.register("pipelineId", { onChange: (e: React.ChangeEvent<HTMLSelectElement>) => form.setValue("stageId", preview.pipelines.find((p) => p.id === e.target.value)?.stages[0]?.id ?? "") })}
                  error={errors.pipelineId?.message}
                />
                <SelectField
                  label="Stage"
                  options={(pipeline?.movementMode === "ENFORCED" ? pipeline.stages.slice(0, 1) : (pipeline?.stages ?? [])).map((s) => ({ value: s.id, label: s.name }))}
                  {...form.register("stageId")}
                  error={errors.stageId?.message}
                />
                <TextField label="Amount" inputMode="decimal" placeholder="12500.00" {...form.register("amount")} error={errors.amount?.message} />
                <TextField label="Close date" type="date" {...form.register("closeDate")} error={errors.closeDate?.message} />
              </fieldset>
            ) : null}
          </>
        ) : null}
      </FormDialog>
    </>
  );
}
