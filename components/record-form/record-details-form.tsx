"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { updateRecordAction } from "@/components/record/actions";
import { FormAlert } from "@/components/settings/form-alert";
import { Button } from "@/components/ui/button";
import type { RecordKind } from "@/lib/records/registry";
import { FieldInput, type UserOption } from "./field-input";
import { RECORD_FIELDS, toApiInput, toFormValue, type FormValues } from "./fields";
import { recordResolver } from "./resolver";
import { unwrap } from "./use-record-form";

/** Inline edit of a record's fields: validated as you type, saved with the changed fields only. */
export function RecordDetailsForm({
  kind,
  id,
  values,
  users,
  refLabels: initialRefLabels,
  canEdit,
}: {
  kind: RecordKind;
  id: string;
  values: Record<string, unknown>;
  users: UserOption[];
  refLabels: Record<string, string | null>;
  canEdit: boolean;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const fields = RECORD_FIELDS[kind];
  const names = useMemo(() => fields.map((f) => f.name), [fields]);
  const defaults = useMemo(() => Object.fromEntries(fields.map((f) => [f.name, toFormValue(values[f.name])])), [fields, values]);
  const [refLabels, setRefLabels] = useState(initialRefLabels);
  const form = useForm<FormValues>({ defaultValues: defaults, resolver: recordResolver(kind, fields), mode: "onChange" });
  const { errors, isDirty, isSubmitting, dirtyFields } = form.formState;

  const onSubmit = form.handleSubmit(async (v) => {
    const changed = Object.keys(dirtyFields).filter((k) => dirtyFields[k]);
    const patch = toApiInput(v, fields, changed);
    const saved = unwrap(await updateRecordAction({ kind, id, patch }), form.setError, names);
    if (!saved) return;
    form.reset(v);
    toast.success("Changes saved");
    await queryClient.invalidateQueries({ queryKey: ["timeline", kind, id] });
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Details" className="space-y-4">
      <FormAlert message={errors.root?.server?.message} />
      <div className="grid gap-4 sm:grid-cols-2">
        {fields.map((f) => (
          <FieldInput
            key={f.name}
            field={f}
            register={form.register}
            control={form.control}
            errors={errors}
            users={users}
            refLabels={refLabels}
            onRefLabel={(name, label) => setRefLabels((l) => ({ ...l, [name]: label }))}
            disabled={!canEdit}
          />
        ))}
      </div>
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
