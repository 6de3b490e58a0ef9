"use client";
// The record page's side panel of fields: read-only values, each editable in place, one
// at a time. Click a value, edit it with the record form's own input, Enter saves (through
// updateRecordAction, so the server validates and its message shows under the field),
// Escape cancels. Tags and the kind's custom fields are edited the same way.
import { formatDay } from "@/lib/format/dates";
import { formatMoney } from "@/lib/format/money";
import { useQueryClient } from "@tanstack/react-query";
import { Pencil } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { CustomFieldInputs } from "@/components/custom-fields/custom-field-inputs";
import { FieldInput, type UserOption } from "@/components/record-form/field-input";
import { customFieldsInput, RECORD_FIELDS, toApiInput, toFormValue, type CustomFieldDef, type FieldDef, type RecordFormValues } from "@/components/record-form/fields";
import { recordErrorPath } from "@/components/record-form/resolver";
import { TagList } from "@/components/tags/tag-badge";
import { TagPicker } from "@/components/tags/tag-picker";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { useFormAction } from "@/components/ui/use-form-action";
import { formatCustomFieldValue } from "@/lib/custom-fields/format";
import { updateRecordAction } from "@/lib/records/actions";
import type { RecordKind } from "@/lib/records/registry";
import type { RecordUpdateActionInput } from "@/lib/records/schemas";

type Target = { type: "field"; field: FieldDef } | { type: "tags" } | { type: "custom"; def: CustomFieldDef };

interface Row {
  key: string;
  label: string;
  text: string;
  target: Target;
}

interface Props {
  kind: RecordKind;
  id: string;
  values: Record<string, unknown>;
  definitions: CustomFieldDef[];
  users: UserOption[];
  refLabels: Record<string, string | null>;
  canEdit: boolean;
}

/** A stored field value as the panel shows it: names for people and records, option labels. */
function fieldText(f: FieldDef, v: unknown, users: UserOption[], refLabels: Record<string, string | null>, currency: unknown): string {
  const raw = toFormValue(v);
  if (raw === "") return "";
  if (f.type === "date") return formatDay(raw);
  if (f.type === "money") return formatMoney(raw, typeof currency === "string" && currency ? currency : "USD");
  if (f.type === "user") return users.find((u) => u.id === raw)?.name ?? "A former member";
  if (f.type === "company" || f.type === "contact") return refLabels[f.name] ?? "A deleted record";
  if (f.type === "select") return f.options?.find((o) => o.value === raw)?.label ?? raw;
  return raw;
}

const formValues = (kind: RecordKind, values: Record<string, unknown>): RecordFormValues => ({
  fields: Object.fromEntries(RECORD_FIELDS[kind].map((f) => [f.name, toFormValue(values[f.name])])),
  tags: (values.tags ?? []) as string[],
  customFields: (values.customFields ?? {}) as Record<string, unknown>,
});

/** The form of one field being edited. `onSaved` gets the patch the server accepted. */
function InlineEditor({ kind, id, values, target, users, refLabels, onRefLabel, onDone }: Omit<Props, "definitions" | "canEdit"> & {
  target: Target;
  onRefLabel: (name: string, label: string | null) => void;
  onDone: (saved: Record<string, unknown> | null) => void;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const names = useMemo(() => RECORD_FIELDS[kind].map((f) => f.name), [kind]);
  const form = useForm<RecordFormValues>({ defaultValues: formValues(kind, values) });
  const update = useFormAction(updateRecordAction, form, { place: recordErrorPath(names) });
  const custom = useWatch({ control: form.control, name: "customFields" });
  const { errors, isSubmitting } = form.formState;
  const ref = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>("input, select, textarea, button[aria-haspopup]");
    first?.focus();
  }, []);

  const save = form.handleSubmit(async (v) => {
    const patch: Record<string, unknown> =
      target.type === "field" ? toApiInput(v.fields, [target.field]) : target.type === "tags" ? { tags: v.tags } : { customFields: customFieldsInput(v.customFields) };
    const saved = await update.run({ kind, id, patch } as RecordUpdateActionInput);
    if (!saved.ok) return;
    toast.success("Changes saved");
    onDone(patch);
    await queryClient.invalidateQueries({ queryKey: ["timeline", kind, id] });
    router.refresh();
  });
  // The server's last refusal goes with a new try: react-hook-form would keep an error on a
  // value it does not register itself (a custom field's) and never submit again.
  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    form.clearErrors();
    return save(e);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLFormElement>) => {
    // Keys in a popover (the tag picker's) or an open list belong to it, not to the editor.
    if (e.defaultPrevented || !e.currentTarget.contains(e.target as Node)) return;
    const el = e.target as HTMLElement;
    if (el.getAttribute("aria-expanded") === "true") return;
    if (e.key === "Escape") {
      e.preventDefault();
      onDone(null);
    } else if (e.key === "Enter" && (el instanceof HTMLSelectElement || (el instanceof HTMLInputElement && el.type === "checkbox"))) {
      // A select or checkbox does not submit its form on Enter by itself.
      e.preventDefault();
      e.currentTarget.requestSubmit();
    }
  };

  const customErrors = errors.customFields as Record<string, { message?: string } | undefined> | undefined;
  return (
    <form ref={ref} onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate aria-label={`Edit ${target.type === "field" ? target.field.label : target.type === "tags" ? "Tags" : target.def.label}`} className="space-y-2 py-2">
      <FormAlert message={errors.root?.server?.message} />
      {target.type === "field" ? (
        <FieldInput field={target.field} register={form.register} control={form.control} errors={errors} users={users} refLabels={refLabels} onRefLabel={onRefLabel} />
      ) : target.type === "tags" ? (
        <Controller control={form.control} name="tags" render={({ field, fieldState }) => <TagPicker value={field.value} onChange={field.onChange} error={fieldState.error?.message} />} />
      ) : (
        <CustomFieldInputs
          className="sm:grid-cols-1"
          definitions={[target.def]}
          value={custom}
          errors={{ [target.def.key]: customErrors?.[target.def.key]?.message }}
          onChange={(next) => form.setValue(`customFields.${target.def.key}`, next[target.def.key], { shouldDirty: true })}
        />
      )}
      <div className="flex items-center justify-end gap-2">
        <span className="mr-auto text-xs text-slate-500">Enter saves · Esc cancels</span>
        <Button variant="secondary" size="sm" onClick={() => onDone(null)}>
          Cancel
        </Button>
        <Button type="submit" size="sm" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Save"}
        </Button>
      </div>
    </form>
  );
}

export function RecordFieldsPanel(props: Props) {
  const { kind, definitions, users, canEdit } = props;
  // The values shown: the server's, with this panel's accepted saves on top until the page refreshes.
  const [saved, setSaved] = useState<Record<string, unknown>>({});
  const [seen, setSeen] = useState(props.values);
  if (seen !== props.values) {
    setSeen(props.values);
    setSaved({});
  }
  const values = useMemo(() => ({ ...props.values, ...saved }), [props.values, saved]);
  const [refLabels, setRefLabels] = useState(props.refLabels);
  const [editing, setEditing] = useState<string | null>(null);
  const focusAfter = useRef<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const base = useId();

  useEffect(() => {
    if (editing !== null || !focusAfter.current) return;
    buttons.current.get(focusAfter.current)?.focus();
    focusAfter.current = null;
  }, [editing]);

  const rows: Row[] = [
    ...RECORD_FIELDS[kind].map((f) => ({ key: f.name, label: f.label, text: fieldText(f, values[f.name], users, refLabels, values.currency), target: { type: "field", field: f } as const })),
    { key: "tags", label: "Tags", text: "", target: { type: "tags" } },
    ...definitions.map((d) => ({
      key: `customFields.${d.key}`,
      label: d.label,
      text: formatCustomFieldValue(d, ((values.customFields ?? {}) as Record<string, unknown>)[d.key]),
      target: { type: "custom", def: d } as const,
    })),
  ];
  const tags = (values.tags ?? []) as string[];

  return (
    <dl className="divide-y divide-slate-100">
      {rows.map((r) => {
        const valueId = `${base}-${r.key}`;
        const shown =
          r.target.type === "tags" ? (
            tags.length ? <TagList names={tags} /> : <span className="text-slate-500">No tags</span>
          ) : r.text ? (
            <span className="break-words">{r.text}</span>
          ) : (
            <span className="text-slate-500">Empty</span>
          );
        if (editing === r.key) {
          return (
            <div key={r.key}>
              <InlineEditor
                {...props}
                values={values}
                refLabels={refLabels}
                target={r.target}
                onRefLabel={(name, label) => setRefLabels((l) => ({ ...l, [name]: label }))}
                onDone={(patch) => {
                  if (patch) setSaved((s) => ({ ...s, ...patch, ...(patch.customFields ? { customFields: patch.customFields } : {}) }));
                  else setRefLabels(props.refLabels);
                  focusAfter.current = r.key;
                  setEditing(null);
                }}
              />
            </div>
          );
        }
        return (
          <div key={r.key} className="grid grid-cols-[7rem_minmax(0,1fr)] items-start gap-2 py-1.5 text-sm">
            <dt className="pt-1 text-slate-500">{r.label}</dt>
            <dd className="min-w-0">
              {canEdit ? (
                <button
                  type="button"
                  ref={(el) => {
                    if (el) buttons.current.set(r.key, el);
                    else buttons.current.delete(r.key);
                  }}
                  aria-label={`Edit ${r.label}`}
                  aria-describedby={valueId}
                  onClick={() => setEditing(r.key)}
                  className="group flex w-full items-start justify-between gap-2 rounded px-1.5 py-1 text-left text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-500"
                >
                  <span id={valueId} className="min-w-0">
                    {shown}
                  </span>
                  <Pencil className="mt-0.5 size-3.5 shrink-0 text-slate-400 opacity-0 group-hover:opacity-100 group-focus-visible:opacity-100" aria-hidden />
                </button>
              ) : (
                <span id={valueId} className="block px-1.5 py-1 text-slate-800">
                  {shown}
                </span>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
