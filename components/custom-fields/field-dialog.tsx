"use client";

import { Plus } from "lucide-react";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { TextareaField, TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { CUSTOM_FIELD_TYPES } from "@/db/schema/enums";
import type { CustomFieldJson } from "@/lib/custom-fields/service";
import { FIELD_TYPE_LABELS, hasOptions, keyFromLabel, OBJECT_TYPE_LABELS, type CustomFieldObjectType, type CustomFieldType } from "@/lib/custom-fields/schemas";
import { createFieldAction, updateFieldAction } from "@/lib/custom-fields/actions";

interface Form {
  label: string;
  fieldType: CustomFieldType;
  /** One option per line. */
  options: string;
  isRequired: boolean;
}

const TYPE_OPTIONS = CUSTOM_FIELD_TYPES.map((t) => ({ value: t, label: FIELD_TYPE_LABELS[t] }));
const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean);

/** Define a custom field of `objectType`, or (with `field`) edit its label, options and required flag. */
export function FieldDialog({ objectType, field }: { objectType: CustomFieldObjectType; field?: CustomFieldJson }) {
  const [open, setOpen] = useState(false);
  const defaults: Form = { label: field?.label ?? "", fieldType: (field?.fieldType as CustomFieldType) ?? "TEXT", options: field?.options.join("\n") ?? "", isRequired: field?.isRequired ?? false };
  const form = useForm<Form>({ defaultValues: defaults });
  const create = useFormAction(createFieldAction, form);
  const update = useFormAction(updateFieldAction, form);
  const { errors, isSubmitting } = form.formState;
  const fieldType = useWatch({ control: form.control, name: "fieldType" });
  const label = useWatch({ control: form.control, name: "label" });
  const key = field?.key ?? (label.trim() ? keyFromLabel(label) : "");

  const onSubmit = form.handleSubmit(async (v) => {
    const options = hasOptions(v.fieldType) ? lines(v.options) : undefined;
    const r = field
      ? await update.run({ fieldId: field.id, label: v.label, isRequired: v.isRequired, ...(options ? { options } : {}) })
      : await create.run({ objectType, label: v.label, fieldType: v.fieldType, isRequired: v.isRequired, ...(options ? { options } : {}) });
    if (!r.ok) return;
    toast.success(field ? `Field ${v.label.trim()} saved` : `Field ${v.label.trim()} added to ${OBJECT_TYPE_LABELS[objectType].plural}`);
    setOpen(false);
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) form.reset(defaults);
      }}
      title={field ? `Edit field ${field.label}` : `New ${OBJECT_TYPE_LABELS[objectType].singular} field`}
      trigger={
        field ? (
          <Button size="sm" variant="secondary" aria-label={`Edit field ${field.label}`}>
            Edit
          </Button>
        ) : (
          <Button>
            <Plus className="size-4" aria-hidden /> New field
          </Button>
        )
      }
      onSubmit={onSubmit}
      pending={isSubmitting}
      error={errors.root?.server?.message}
      submitLabel={field ? "Save field" : "Add field"}
      pendingLabel="Saving…"
    >
      <TextField
        label="Label"
        autoComplete="off"
        maxLength={100}
        {...form.register("label", { validate: (v) => (v.trim() ? true : "is required") })}
        error={errors.label?.message}
        hint={key ? `Key: customFields.${key}${field ? " (fixed)" : ""}` : "The key is made from the label and never changes"}
      />
      {field ? (
        <p className="text-sm text-slate-600">
          Type: <span className="font-medium">{FIELD_TYPE_LABELS[field.fieldType as CustomFieldType]}</span> (fixed: stored values depend on it)
        </p>
      ) : (
        <SelectField label="Type" options={TYPE_OPTIONS} {...form.register("fieldType")} error={errors.fieldType?.message} />
      )}
      {hasOptions(fieldType) ? (
        <TextareaField
          label="Options, one per line"
          rows={5}
          {...form.register("options")}
          error={errors.options?.message}
          hint={field ? "Records keep a removed option until they are edited." : undefined}
        />
      ) : null}
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" className="size-4 rounded border-slate-300" {...form.register("isRequired")} />
        Required: new {OBJECT_TYPE_LABELS[objectType].plural} must have a value
      </label>
    </FormDialog>
  );
}
