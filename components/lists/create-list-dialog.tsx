"use client";

import { Plus } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { toast } from "sonner";
import { createListAction } from "@/lib/lists/actions";
import { EMPTY_FILTER } from "@/components/filter-builder";
import { Modal } from "@/components/settings/dialog";
import { FormAlert } from "@/components/settings/form-alert";
import { Button } from "@/components/ui/button";
import { inputClass, TextField } from "@/components/ui/field";
import type { FilterGroup } from "@/lib/filters/schema";
import { ListFilterEditor } from "./filter-editor";
import { failureOf, LIST_OBJECT_TYPES, type FieldsByType, type ListObjectTypeValue, type OptionsByType } from "./labels";

export function CreateListDialog({ fieldsByType, optionsByType }: { fieldsByType: FieldsByType; optionsByType: OptionsByType }) {
  const router = useRouter();
  const action = useAction(createListAction);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [objectType, setObjectType] = useState<ListObjectTypeValue>("CONTACT");
  const [processingType, setProcessingType] = useState<"STATIC" | "DYNAMIC">("STATIC");
  const [filter, setFilter] = useState<FilterGroup>(EMPTY_FILTER);
  const [message, setMessage] = useState<string>();
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([]);
  const typeId = useId();

  const reset = () => {
    setName("");
    setDescription("");
    setObjectType("CONTACT");
    setProcessingType("STATIC");
    setFilter(EMPTY_FILTER);
    setMessage(undefined);
    setErrors([]);
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await action.executeAsync({
      input: { name, description: description || null, objectType, processingType, ...(processingType === "DYNAMIC" ? { filter } : {}) },
    });
    const failure = failureOf(r);
    if (failure) {
      setMessage(failure.message);
      setErrors(failure.errors);
      return;
    }
    toast.success(`List ${name} created`);
    setOpen(false);
    reset();
    const created = r.data?.ok ? r.data.data : null;
    if (created) router.push(`/lists/${created.id}`);
  };

  const nameError = errors.find((x) => x.path === "name")?.message;
  const filterErrors = errors.filter((x) => x.path.startsWith("filter"));

  return (
    <Modal
      open={open}
      onOpenChange={(o) => {
        if (action.isExecuting) return;
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
    >
      <form onSubmit={submit} className="space-y-4" noValidate>
        <FormAlert message={message} />
        <TextField label="Name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} error={nameError} />
        <TextField label="Description" autoComplete="off" value={description} onChange={(e) => setDescription(e.target.value)} />
        <div className="space-y-1">
          <label htmlFor={typeId} className="block text-sm font-medium text-slate-700">
            Records
          </label>
          <select
            id={typeId}
            className={inputClass}
            value={objectType}
            onChange={(e) => {
              setObjectType(e.target.value as ListObjectTypeValue);
              setFilter(EMPTY_FILTER);
            }}
          >
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
              <input type="radio" name="processingType" value={p} checked={processingType === p} onChange={() => setProcessingType(p)} />
              {p === "STATIC" ? "Static" : "Dynamic (filter)"}
            </label>
          ))}
        </fieldset>
        {processingType === "DYNAMIC" ? <ListFilterEditor objectType={objectType} fields={fieldsByType[objectType]} options={optionsByType[objectType]} value={filter} onChange={setFilter} errors={filterErrors} /> : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)} disabled={action.isExecuting}>
            Cancel
          </Button>
          <Button type="submit" disabled={action.isExecuting}>
            {action.isExecuting ? "Creating…" : "Create list"}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
