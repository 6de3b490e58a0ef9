"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { createRecordAction } from "@/lib/records/actions";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/components/ui/use-form-action";
import type { RecordKind } from "@/lib/records/registry";
import type { RecordCreateActionInput } from "@/lib/records/schemas";
import { FieldInputs, type UserOption } from "./field-input";
import { customFieldsInput, KIND_WORDS, RECORD_FIELDS, toApiInput, type CustomFieldDef, type RecordFormValues } from "./fields";
import { RecordExtras } from "./record-extras";
import { DuplicateWarning, WARNED_FIELD } from "@/components/merge/duplicate-warning";
import { recordErrorPath, recordResolver } from "./resolver";

/** The new-record form: the kind's main fields, tags and custom fields, the API's schema, then the record page. */
export function RecordCreateForm({
  kind,
  users,
  definitions,
  initial = {},
  initialRefLabels = {},
}: {
  kind: RecordKind;
  users: UserOption[];
  definitions: CustomFieldDef[];
  initial?: Record<string, string>;
  initialRefLabels?: Record<string, string | null>;
}) {
  const router = useRouter();
  const words = KIND_WORDS[kind];
  const fields = useMemo(() => RECORD_FIELDS[kind].filter((f) => f.onCreate), [kind]);
  const names = useMemo(() => fields.map((f) => f.name), [fields]);
  const [refLabels, setRefLabels] = useState(initialRefLabels);
  const form = useForm<RecordFormValues>({
    defaultValues: { fields: Object.fromEntries(fields.map((f) => [f.name, initial[f.name] ?? f.defaultValue ?? ""])), tags: [], customFields: {} },
    resolver: recordResolver(kind, fields, definitions),
    mode: "onChange",
  });
  const create = useFormAction(createRecordAction, form, { place: recordErrorPath(names) });
  const { errors, isSubmitting } = form.formState;
  const warned = kind === "CONTACT" || kind === "LEAD" || kind === "COMPANY" ? kind : null;
  const warnedValue = useWatch({ control: form.control, name: `fields.${warned ? WARNED_FIELD[warned] : "email"}` });

  const onSubmit = form.handleSubmit(async (v) => {
    // Empty inputs are simply left out of a new record.
    const values = Object.fromEntries(Object.entries(toApiInput(v.fields, fields)).filter(([, x]) => x !== null));
    if (v.tags.length) values.tags = v.tags;
    const customFields = customFieldsInput(v.customFields);
    if (Object.keys(customFields).length) values.customFields = customFields;
    const created = await create.run({ kind, values } as RecordCreateActionInput);
    if (!created.ok) return;
    toast.success(`The ${words.singular} was created`);
    router.push(`/${words.collection}/${created.data.id}`);
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label={`New ${words.singular}`} className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <FormAlert message={errors.root?.server?.message} />
      <FieldInputs fields={fields} form={form} users={users} refLabels={refLabels} onRefLabel={(name, label) => setRefLabels((l) => ({ ...l, [name]: label }))} />
      {warned ? <DuplicateWarning kind={warned} value={typeof warnedValue === "string" ? warnedValue : ""} /> : null}
      <RecordExtras form={form} definitions={definitions} />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={() => router.back()}>
          Cancel
        </Button>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Creating…" : `Create ${words.singular}`}
        </Button>
      </div>
    </form>
  );
}
