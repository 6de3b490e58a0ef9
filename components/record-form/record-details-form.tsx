"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { updateRecordAction } from "@/lib/records/actions";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/components/ui/use-form-action";
import type { RecordKind } from "@/lib/records/registry";
import type { RecordUpdateActionInput } from "@/lib/records/schemas";
import { FieldInputs, type UserOption } from "./field-input";
import { customFieldsInput, RECORD_FIELDS, sameValues, toApiInput, toFormValue, type CustomFieldDef, type RecordFormValues } from "./fields";
import { RecordExtras } from "./record-extras";
import { recordErrorPath, recordResolver } from "./resolver";

/** Inline edit of a record's fields, tags and custom fields: validated as you type, saved with the changed fields only. */
export function RecordDetailsForm({
  kind,
  id,
  values,
  definitions,
  users,
  refLabels: initialRefLabels,
  canEdit,
}: {
  kind: RecordKind;
  id: string;
  values: Record<string, unknown>;
  definitions: CustomFieldDef[];
  users: UserOption[];
  refLabels: Record<string, string | null>;
  canEdit: boolean;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const fields = RECORD_FIELDS[kind];
  const names = useMemo(() => fields.map((f) => f.name), [fields]);
  const current = useMemo(() => (values.customFields ?? {}) as Record<string, unknown>, [values]);
  const defaults = useMemo<RecordFormValues>(
    () => ({ fields: Object.fromEntries(fields.map((f) => [f.name, toFormValue(values[f.name])])), tags: (values.tags ?? []) as string[], customFields: current }),
    [fields, values, current],
  );
  const [refLabels, setRefLabels] = useState(initialRefLabels);
  const form = useForm<RecordFormValues>({ defaultValues: defaults, resolver: recordResolver(kind, fields, definitions, current), mode: "onChange" });
  const update = useFormAction(updateRecordAction, form, { place: recordErrorPath(names) });
  const { errors, isDirty, isSubmitting, dirtyFields } = form.formState;

  const onSubmit = form.handleSubmit(async (v) => {
    const changed = Object.entries(dirtyFields.fields ?? {}).flatMap(([k, d]) => (d ? [k] : []));
    const patch = toApiInput(v.fields, fields, changed);
    if (!sameValues(v.tags, defaults.tags)) patch.tags = v.tags;
    // The stored object is replaced as a whole: unchanged values (and those of deleted fields) go back as they are.
    const customFields = customFieldsInput(v.customFields);
    if (!sameValues(customFields, customFieldsInput(current))) patch.customFields = customFields;
    const saved = await update.run({ kind, id, patch } as RecordUpdateActionInput);
    if (!saved.ok) return;
    form.reset(v);
    toast.success("Changes saved");
    await queryClient.invalidateQueries({ queryKey: ["timeline", kind, id] });
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Details" className="space-y-4">
      <FormAlert message={errors.root?.server?.message} />
      <FieldInputs fields={fields} form={form} users={users} refLabels={refLabels} onRefLabel={(name, label) => setRefLabels((l) => ({ ...l, [name]: label }))} disabled={!canEdit} />
      <RecordExtras form={form} definitions={definitions} disabled={!canEdit} />
      {canEdit ? (
        <div className="flex justify-end gap-2">
          <Button
            variant="secondary"
            disabled={!isDirty || isSubmitting}
            onClick={() => {
              form.reset(defaults);
              setRefLabels(initialRefLabels);
            }}
          >
            Discard
          </Button>
          <Button type="submit" disabled={!isDirty || isSubmitting}>
            {isSubmitting ? "Saving…" : "Save changes"}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
