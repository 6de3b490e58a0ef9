"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { EMPTY_FILTER } from "@/components/filter-builder";
import { Button } from "@/components/ui/button";
import { inputClass, TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import { LIST_OBJECT_TYPES as OBJECT_TYPES, LIST_PROCESSING_TYPES } from "@/db/schema/enums";
import type { ValidationIssue } from "@/lib/errors";
import type { FilterGroup } from "@/lib/filters/schema";
import { createListAction } from "@/lib/lists/actions";
import { ListFilterEditor } from "./filter-editor";
import { LIST_OBJECT_TYPES, type FieldsByType, type OptionsByType } from "./labels";

const formSchema = z.object({
  name: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
  description: z.string().max(2000, "must be at most 2000 characters"),
  objectType: z.enum(OBJECT_TYPES),
  processingType: z.enum(LIST_PROCESSING_TYPES),
  filter: z.custom<FilterGroup>(),
});
type Form = z.input<typeof formSchema>;
const DEFAULTS: Form = { name: "", description: "", objectType: "CONTACT", processingType: "STATIC", filter: EMPTY_FILTER };

export function CreateListDialog({ fieldsByType, optionsByType }: { fieldsByType: FieldsByType; optionsByType: OptionsByType }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  // The filter's errors go on its conditions (FilterBuilder), by path.
  const [filterErrors, setFilterErrors] = useState<ValidationIssue[]>([]);
  const form = useForm<Form>({ resolver: zodResolver(formSchema), defaultValues: DEFAULTS });
  const action = useFormAction(createListAction, form, { onFailure: (f) => setFilterErrors(f.issues.filter((i) => i.path.startsWith("filter"))) });
  const { errors, isSubmitting } = form.formState;
  const [objectType, processingType, filter] = useWatch({ control: form.control, name: ["objectType", "processingType", "filter"] });
  const typeId = useId();

  const reset = () => {
    form.reset(DEFAULTS);
    setFilterErrors([]);
  };

  const onSubmit = form.handleSubmit(async (v) => {
    setFilterErrors([]);
    const r = await action.run({ name: v.name, description: v.description || null, objectType: v.objectType, processingType: v.processingType, ...(v.processingType === "DYNAMIC" ? { filter: v.filter } : {}) });
    if (!r.ok) return;
    toast.success(`List ${v.name} created`);
    setOpen(false);
    reset();
    router.push(`/lists/${r.data.id}`);
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) reset();
      }}
      title="New list"
      description="A static list is curated by hand; a dynamic list holds every record matching its filter, and follows changes by itself."
      className="max-w-3xl"
      trigger={
        <Button>
          <Plus className="size-4" aria-hidden /> New list
        </Button>
      }
      onSubmit={onSubmit}
      pending={isSubmitting}
      error={errors.root?.server?.message}
      submitLabel="Create list"
      pendingLabel="Creating…"
    >
      <TextField label="Name" autoComplete="off" {...form.register("name")} error={errors.name?.message} />
      <TextField label="Description" autoComplete="off" {...form.register("description")} error={errors.description?.message} />
      <div className="space-y-1">
        <label htmlFor={typeId} className="block text-sm font-medium text-slate-700">
          Records
        </label>
        <select id={typeId} className={inputClass} {...form.register("objectType", { onChange: () => form.setValue("filter", EMPTY_FILTER) })}>
          {LIST_OBJECT_TYPES.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700">Kind</legend>
        {(["STATIC", "DYNAMIC"] as const).map((p) => (
          <label key={p} className="mr-4 inline-flex items-center gap-2 text-sm">
            <input type="radio" value={p} {...form.register("processingType")} />
            {p === "STATIC" ? "Static" : "Dynamic (filter)"}
          </label>
        ))}
      </fieldset>
      {processingType === "DYNAMIC" ? (
        <ListFilterEditor
          objectType={objectType}
          fields={fieldsByType[objectType]}
          options={optionsByType[objectType]}
          value={filter}
          onChange={(f) => form.setValue("filter", f, { shouldDirty: true })}
          errors={filterErrors}
        />
      ) : null}
    </FormDialog>
  );
}
