"use client";
// The parts every record form shares beyond the kind's own fields: tags and the tenant's
// custom fields of the kind, in the same react-hook-form state (paths `tags` and
// `customFields.<key>`), so they validate as you type and take the server's errors.
import { Controller, useWatch, type UseFormReturn } from "react-hook-form";
import { TagPicker } from "@/components/tags/tag-picker";
import { CustomFieldInputs } from "@/components/custom-fields/custom-field-inputs";
import { sameValues, type CustomFieldDef, type RecordFormValues } from "./fields";

export function RecordExtras({ form, definitions, disabled }: { form: UseFormReturn<RecordFormValues>; definitions: readonly CustomFieldDef[]; disabled?: boolean }) {
  const values = useWatch({ control: form.control, name: "customFields" });
  const errors = form.formState.errors.customFields as Record<string, { message?: string } | undefined> | undefined;
  const messages = Object.fromEntries(Object.entries(errors ?? {}).map(([key, e]) => [key, e?.message]));
  return (
    <>
      <Controller
        control={form.control}
        name="tags"
        render={({ field, fieldState }) => <TagPicker value={field.value} onChange={field.onChange} error={fieldState.error?.message} disabled={disabled} />}
      />
      {definitions.length ? (
        <fieldset className="space-y-2" disabled={disabled}>
          <legend className="text-sm font-semibold text-slate-800">Custom fields</legend>
          <CustomFieldInputs
            definitions={definitions}
            value={values}
            errors={messages}
            disabled={disabled}
            onChange={(next) => {
              // One setValue per changed key, so only that field is validated and marked dirty.
              for (const key of new Set([...Object.keys(values), ...Object.keys(next)])) {
                if (sameValues(values[key], next[key])) continue;
                form.setValue(`customFields.${key}`, next[key], { shouldDirty: true, shouldTouch: true, shouldValidate: true });
              }
            }}
          />
        </fieldset>
      ) : null}
    </>
  );
}
