"use client";
// Asked when a move lands in a stage whose required fields the record lacks (the board's
// drop, the record page's stage picker, the table view): exactly the missing fields, with
// the record form's inputs and validation, then the move with their values in ONE request
// (moveRecord writes both in one transaction). The server's field errors land under the
// fields; nothing moves until the server accepts.
import { useMemo, useState } from "react";
import { useForm, useWatch, type FieldError, type Resolver } from "react-hook-form";
import { CustomFieldInputs } from "@/components/custom-fields/custom-field-inputs";
import { FormDialog } from "@/components/ui/form-dialog";
import { showActionFailure } from "@/components/ui/use-form-action";
import { actionFailure, type ActionResult } from "@/lib/action-result";
import { customFieldLabels, requiredFieldLabel } from "@/lib/pipelines/required-fields";
import type { RecordKind } from "@/lib/records/kinds";
import { FieldInput, type UserOption } from "./field-input";
import { customFieldsInput, RECORD_FIELDS, RECORD_SCHEMAS, toApiInput, type CustomFieldDef, type FieldDef, type RecordFormValues } from "./fields";
import { recordFormErrors } from "./resolver";

const CUSTOM_PREFIX = "customFields.";
/** Fields the move itself carries (moveRecord takes them from the move body, not from `fields`). */
const MOVE_FIELDS: Record<string, FieldDef> = {
  lostReason: { name: "lostReason", label: "Lost reason", type: "textarea" },
  wonReason: { name: "wonReason", label: "Won reason", type: "textarea" },
};
const REASON_MAX = 500;

export interface FieldsRequest {
  recordTitle: string;
  stage: { id: string; name: string };
  /** The field paths the move lacks, as moveRecord names them (`amount`, `customFields.po`, `lostReason`). */
  missing: string[];
}

/** What the dialog adds to the move: the record's values, and the move's own reasons. */
export interface FieldsMoveExtras {
  fields?: Record<string, unknown>;
  lostReason?: string;
  wonReason?: string;
}

/** The message of a move refused for missing fields, and those fields; null for any other outcome. */
export function missingFieldsOf(result: ActionResult): string[] | null {
  const failure = actionFailure(result);
  if (failure?.code !== "required-fields-missing") return null;
  return failure.error?.missingFields?.length ? failure.error.missingFields : null;
}

function fieldsOf(kind: RecordKind, missing: string[], definitions: readonly CustomFieldDef[]) {
  const own = missing.filter((p) => !p.startsWith(CUSTOM_PREFIX));
  const shape = RECORD_SCHEMAS[kind].shape;
  const record = own.filter((p) => !MOVE_FIELDS[p]).map((p) => RECORD_FIELDS[kind].find((f) => f.name === p) ?? { name: p, label: requiredFieldLabel(p), type: "text" as const });
  const keys = new Set(missing.filter((p) => p.startsWith(CUSTOM_PREFIX)).map((p) => p.slice(CUSTOM_PREFIX.length)));
  return {
    /** The record's own fields, checked by the record form's schema (those it knows). */
    record,
    checked: record.filter((f) => f.name in shape),
    reasons: own.flatMap((p) => (MOVE_FIELDS[p] ? [MOVE_FIELDS[p]] : [])),
    custom: definitions.filter((d) => keys.has(d.key)).map((d) => ({ ...d, isRequired: true })),
  };
}

type Fields = ReturnType<typeof fieldsOf>;

/** The record form's checks, and each asked field must be filled: the stage requires it. */
function resolver(kind: RecordKind, f: Fields): Resolver<RecordFormValues> {
  return async (values) => {
    const errors = recordFormErrors(kind, f.checked, f.custom, values);
    const own: Record<string, FieldError> = { ...(errors.fields as Record<string, FieldError> | undefined) };
    for (const field of [...f.record, ...f.reasons]) {
      const text = (values.fields[field.name] ?? "").trim();
      if (!text) own[field.name] ??= { type: "required", message: `${field.label} is required` };
      else if (MOVE_FIELDS[field.name] && text.length > REASON_MAX) own[field.name] ??= { type: "maxLength", message: `must be at most ${REASON_MAX} characters` };
    }
    if (Object.keys(own).length) errors.fields = own;
    else delete errors.fields;
    return Object.keys(errors).length ? { values: {}, errors } : { values, errors: {} };
  };
}

/** Where the server's error paths land: `fields.amount`, `fields.customFields.po`, `move.lostReason`. */
function place(f: Fields) {
  const own = new Set([...f.record, ...f.reasons].map((x) => x.name));
  return (path: string): string | null => {
    const p = path.replace(/^(move\.)?fields\./, "").replace(/^move\./, "");
    const custom = /^customFields\.[^.[]+/.exec(p)?.[0];
    if (custom) return custom;
    const name = p.split(/[.[]/)[0] ?? "";
    return own.has(name) ? `fields.${name}` : null;
  };
}

export function RequiredFieldsDialog(props: {
  kind: RecordKind;
  request: FieldsRequest | null;
  /** The kind's custom field definitions (the missing ones are picked from them). */
  definitions: readonly CustomFieldDef[];
  users: UserOption[];
  /** Runs the move with the values; the dialog closes when it succeeds. */
  onMove: (extras: FieldsMoveExtras) => Promise<ActionResult>;
  onClose: () => void;
}) {
  // A fresh form per request: its fields are the request's.
  return props.request ? <Dialog key={`${props.request.stage.id}:${props.request.missing.join(",")}`} {...props} request={props.request} /> : null;
}

function Dialog({ kind, request, definitions, users, onMove, onClose }: Parameters<typeof RequiredFieldsDialog>[0] & { request: FieldsRequest }) {
  const f = useMemo(() => fieldsOf(kind, request.missing, definitions), [kind, request.missing, definitions]);
  const form = useForm<RecordFormValues>({
    defaultValues: { fields: Object.fromEntries([...f.record, ...f.reasons].map((x) => [x.name, ""])), tags: [], customFields: {} },
    resolver: useMemo(() => resolver(kind, f), [kind, f]),
  });
  const [refLabels, setRefLabels] = useState<Record<string, string | null>>({});
  const custom = useWatch({ control: form.control, name: "customFields" });
  const customErrors = form.formState.errors.customFields as Record<string, { message?: string } | undefined> | undefined;
  const { isSubmitting } = form.formState;
  const labels = customFieldLabels(definitions);
  const names = request.missing.map((p) => requiredFieldLabel(p, labels));
  const onlyLostReason = request.missing.length === 1 && request.missing[0] === "lostReason";

  const onSubmit = form.handleSubmit(async (v) => {
    const fields: Record<string, unknown> = toApiInput(v.fields, f.record);
    const customFields = customFieldsInput(v.customFields);
    if (Object.keys(customFields).length) fields.customFields = customFields;
    const extras: FieldsMoveExtras = Object.keys(fields).length ? { fields } : {};
    for (const r of f.reasons) extras[r.name as "lostReason" | "wonReason"] = v.fields[r.name]!.trim();
    const result = await onMove(extras);
    const failure = actionFailure(result);
    if (!failure) return onClose();
    showActionFailure(failure, form, place(f));
  });

  return (
    <FormDialog
      open
      onOpenChange={(o) => {
        if (!o) onClose();
      }}
      title={onlyLostReason ? "Why was this deal lost?" : `Required for ${request.stage.name}`}
      description={`Moving “${request.recordTitle}” to ${request.stage.name} needs: ${names.join(", ")}.`}
      className="max-w-xl"
      error={form.formState.errors.root?.server?.message}
      pending={isSubmitting}
      pendingLabel="Moving…"
      onSubmit={onSubmit}
      submitLabel={`Move to ${request.stage.name}`}
    >
      {f.record.length || f.reasons.length ? (
        <div className="grid gap-4 sm:grid-cols-2">
          {[...f.record, ...f.reasons].map((field) => (
            <FieldInput
              key={field.name}
              field={field}
              register={form.register}
              control={form.control}
              errors={form.formState.errors}
              users={users}
              refLabels={refLabels}
              onRefLabel={(name, label) => setRefLabels((l) => ({ ...l, [name]: label }))}
            />
          ))}
        </div>
      ) : null}
      {f.custom.length ? (
        <CustomFieldInputs
          definitions={f.custom}
          value={custom}
          errors={Object.fromEntries(Object.entries(customErrors ?? {}).map(([key, e]) => [key, e?.message]))}
          onChange={(next) => {
            for (const key of new Set([...Object.keys(custom), ...Object.keys(next)])) {
              if (custom[key] !== next[key]) form.setValue(`customFields.${key}`, next[key], { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
            }
          }}
        />
      ) : null}
    </FormDialog>
  );
}
