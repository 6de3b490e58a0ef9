"use client";

import { Controller, type Control, type FieldErrors, type UseFormRegister, type UseFormReturn } from "react-hook-form";
import { SelectField } from "@/components/ui/select-field";
import { TextareaField, TextField } from "@/components/ui/field";
import { actionMessage } from "@/lib/action-result";
import { createRecordAction } from "@/lib/records/actions";
import type { FieldDef, RecordFormValues } from "./fields";
import { RecordPicker, type Option } from "./record-picker";

export interface UserOption {
  id: string;
  name: string;
}

const INPUT_TYPE: Partial<Record<FieldDef["type"], string>> = { email: "email", url: "url", tel: "tel", date: "date" };

/** One labelled control for a record field, with its error under it (role=alert). */
export function FieldInput({
  field,
  register,
  control,
  errors,
  users,
  refLabels,
  onRefLabel,
  disabled,
}: {
  field: FieldDef;
  register: UseFormRegister<RecordFormValues>;
  control: Control<RecordFormValues>;
  errors: FieldErrors<RecordFormValues>;
  users: UserOption[];
  refLabels: Record<string, string | null>;
  onRefLabel: (name: string, label: string | null) => void;
  disabled?: boolean;
}) {
  const error = errors.fields?.[field.name]?.message;
  const name = `fields.${field.name}` as const;
  const wide = field.type === "textarea" ? "sm:col-span-2" : "";
  if (field.type === "company" || field.type === "contact") {
    return (
      <div className={wide}>
        <Controller
          control={control}
          name={name}
          render={({ field: f }) => (
            <RecordPicker
              kind={field.type === "company" ? "companies" : "contacts"}
              label={field.label}
              value={f.value || null}
              valueLabel={refLabels[field.name] ?? null}
              disabled={disabled}
              error={error}
              onChange={(id, label) => {
                onRefLabel(field.name, label);
                f.onChange(id ?? "");
              }}
              onCreate={field.type === "company" && !disabled ? createCompanyNamed : undefined}
            />
          )}
        />
      </div>
    );
  }
  if (field.type === "user" || field.type === "select") {
    const options = field.type === "user" ? [{ value: "", label: "Nobody" }, ...users.map((u) => ({ value: u.id, label: u.name }))] : (field.options ?? []);
    return <SelectField label={field.label} options={options} error={error} disabled={disabled} className={wide} {...register(name)} />;
  }
  if (field.type === "textarea") {
    return (
      <div className={wide}>
        <TextareaField label={field.label} error={error} disabled={disabled} {...register(name)} />
      </div>
    );
  }
  return (
    <TextField
      label={field.label}
      type={INPUT_TYPE[field.type] ?? "text"}
      inputMode={field.type === "number" ? "numeric" : field.type === "money" ? "decimal" : undefined}
      placeholder={field.placeholder}
      error={error}
      disabled={disabled}
      autoComplete="off"
      {...register(name)}
    />
  );
}

/** The form's record fields in a two-column grid; `onRefLabel` keeps the name of a chosen company or contact. */
export function FieldInputs({
  fields,
  form,
  users,
  refLabels,
  onRefLabel,
  disabled,
}: {
  fields: FieldDef[];
  form: UseFormReturn<RecordFormValues>;
  users: UserOption[];
  refLabels: Record<string, string | null>;
  onRefLabel: (name: string, label: string | null) => void;
  disabled?: boolean;
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {fields.map((f) => (
        <FieldInput key={f.name} field={f} register={form.register} control={form.control} errors={form.formState.errors} users={users} refLabels={refLabels} onRefLabel={onRefLabel} disabled={disabled} />
      ))}
    </div>
  );
}

/** The company picker's "Create company “X”": a company with that name, through the records service. */
async function createCompanyNamed(name: string): Promise<{ option: Option } | { error: string }> {
  const result = await createRecordAction({ kind: "COMPANY", values: { name } });
  const err = actionMessage(result);
  if (err || !result?.data) return { error: err ?? "The company was not created" };
  return { option: { id: result.data.id, label: name, hint: null } };
}
