"use client";

import { Controller, type Control, type FieldErrors, type UseFormRegister } from "react-hook-form";
import { SelectField } from "@/components/ui/select-field";
import { TextField, inputClass } from "@/components/ui/field";
import { useId } from "react";
import type { FieldDef, RecordFormValues } from "./fields";
import { RecordPicker } from "./record-picker";

export interface UserOption {
  id: string;
  name: string;
}

const INPUT_TYPE: Partial<Record<FieldDef["type"], string>> = { email: "email", url: "url", tel: "tel", date: "date" };

function TextArea({ label, error, ...props }: React.TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; error?: string }) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea id={id} rows={3} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} className={inputClass} {...props} />
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}

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
        <TextArea label={field.label} error={error} disabled={disabled} {...register(name)} />
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
