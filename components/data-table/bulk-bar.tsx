"use client";

import { Download, ListPlus, Tag, Tags, Trash2, UserRound, X } from "lucide-react";
import { useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { FormDialog } from "@/components/ui/form-dialog";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useFormAction, type RunOutcome } from "@/components/ui/use-form-action";
import { actionData } from "@/lib/action-result";
import type { BulkResult } from "@/lib/bulk/service";
import type { DataTableData } from "@/lib/views/bootstrap";
import { formatCount } from "@/lib/format/money";
import type { DataTableActions } from "./types";
import { boxClass } from "@/components/filter-builder/value-input";

type Dialog = "owner" | "addTags" | "removeTags" | "list" | "delete" | null;
type SelectionInput = Parameters<DataTableActions["bulkDelete"]>[0]["selection"];

const UNDO_CHUNK = 5000;
const splitTags = (text: string) => [...new Set(text.split(",").map((s) => s.trim()).filter(Boolean))];

/** One form behind the dialogs: each uses its own field; refusals show in the dialog's alert. */
interface BulkForm {
  owner: string;
  tags: string;
  listId: string;
}
const EMPTY: BulkForm = { owner: "", tags: "", listId: "" };

/** The actions on the selected rows; each is one server call through lib/bulk. */
export function BulkBar({
  data,
  actions,
  plural,
  countLabel,
  selection,
  exportFields,
  onChanged,
  onDeleted,
  onClear,
  extra,
}: {
  data: DataTableData;
  actions: DataTableActions;
  plural: string;
  countLabel: string;
  selection: SelectionInput;
  /** Hidden fields of the export form besides the selection (cols, sort). */
  exportFields: Record<string, string>;
  onChanged: () => void;
  onDeleted: () => void;
  onClear: () => void;
  /** More buttons after the built-in ones. */
  extra?: React.ReactNode;
}) {
  const [dialog, setDialog] = useState<Dialog>(null);
  // Only the open dialog is rendered, and its field unregisters when it closes: a field's
  // rule (register's validate) must not block another dialog's submit.
  const form = useForm<BulkForm>({ defaultValues: EMPTY, shouldUnregister: true });
  const all = { place: () => null };
  const edit = useFormAction(actions.bulkEdit, form, all);
  const addToList = useFormAction(actions.bulkAddToList, form, all);
  const del = useFormAction(actions.bulkDelete, form, all);
  const { errors, isSubmitting: pending } = form.formState;
  const error = errors.root?.server?.message ?? errors.owner?.message ?? errors.tags?.message ?? errors.listId?.message ?? null;
  const tagText = useWatch({ control: form.control, name: "tags" });
  const exportForm = useRef<HTMLFormElement>(null);
  const staticLists = data.lists.filter((l) => l.processingType === "STATIC");
  const noun = (n: number | string) => `${typeof n === "number" ? formatCount(n) : n} ${n === 1 || n === "1" ? data.singular : plural}`;
  const selected = noun(countLabel);
  /** What every dialog of the bar shares: the one request in flight and its error. */
  const formState = { pending, error };

  const open = (d: Dialog) => {
    form.reset(EMPTY);
    setDialog(d);
  };

  const perform = async (pending: Promise<RunOutcome<BulkResult>>, message: (r: BulkResult) => string) => {
    const r = await pending;
    if (!r.ok) return;
    toast.success(message(r.data));
    setDialog(null);
    onChanged();
  };

  const undo = async (ids: string[], deletedAt: string) => {
    const id = toast.loading(`Restoring ${noun(ids.length)}…`);
    try {
      let restored = 0;
      for (let i = 0; i < ids.length; i += UNDO_CHUNK) {
        restored += (await actionData<BulkResult>(actions.bulkRestore({ ids: ids.slice(i, i + UNDO_CHUNK), deletedAt }))).changed;
      }
      toast.success(`Restored ${noun(restored)}`, { id });
      onChanged();
    } catch (e) {
      toast.error(e instanceof Error ? e.message : String(e), { id });
    }
  };

  const remove = form.handleSubmit(async () => {
    const r = await del.run({ selection });
    if (!r.ok) return;
    setDialog(null);
    onDeleted();
    const undoInfo = r.data.undo;
    toast.success(`Deleted ${noun(r.data.changed)}`, {
      duration: 15_000,
      action: undoInfo && undoInfo.ids.length > 0 ? { label: "Undo", onClick: () => void undo(undoInfo.ids, undoInfo.deletedAt) } : undefined,
    });
  });

  const changedText = (verb: string) => (r: BulkResult) => `${verb} ${formatCount(r.changed)} of ${noun(r.matched)}`;

  return (
    <div role="toolbar" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2 rounded-lg border border-brand-100 bg-brand-50 px-3 py-2 text-sm">
      <span className="font-medium text-brand-700" aria-live="polite">
        {countLabel} selected
      </span>
      {data.can.write ? (
        <>
          <Button size="sm" variant="secondary" onClick={() => open("owner")}>
            <UserRound className="size-4" aria-hidden /> Assign owner
          </Button>
          <Button size="sm" variant="secondary" onClick={() => open("addTags")}>
            <Tag className="size-4" aria-hidden /> Add tags
          </Button>
          <Button size="sm" variant="secondary" onClick={() => open("removeTags")}>
            <Tags className="size-4" aria-hidden /> Remove tags
          </Button>
        </>
      ) : null}
      {data.can.addToList ? (
        <Button size="sm" variant="secondary" onClick={() => open("list")}>
          <ListPlus className="size-4" aria-hidden /> Add to list
        </Button>
      ) : null}
      {extra}
      <form ref={exportForm} method="post" action={`/api/export/${data.collection}`} className="contents">
        {"ids" in selection ? (
          <input type="hidden" name="ids" value={selection.ids.join(",")} />
        ) : (
          <>
            {selection.q ? <input type="hidden" name="q" value={selection.q} /> : null}
            {selection.filter ? <input type="hidden" name="filter" value={JSON.stringify(selection.filter)} /> : null}
          </>
        )}
        {Object.entries(exportFields).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <Button type="submit" size="sm" variant="secondary">
          <Download className="size-4" aria-hidden /> Export CSV
        </Button>
      </form>
      {data.can.delete ? (
        <Button size="sm" variant="secondary" className="text-red-700" onClick={() => open("delete")}>
          <Trash2 className="size-4" aria-hidden /> Delete
        </Button>
      ) : null}
      <Button size="sm" variant="ghost" className="ml-auto" onClick={onClear}>
        <X className="size-4" aria-hidden /> Clear selection
      </Button>

      {dialog === "owner" ? (
      <FormDialog
        open
        onOpenChange={(o) => setDialog(o ? "owner" : null)}
        title={`Assign owner to ${selected}`}
        {...formState}
        errorId="bulk-error"
        submitLabel="Assign owner"
        onSubmit={form.handleSubmit((v) => {
          const [type, id] = v.owner.split(":");
          return perform(edit.run({ selection, operation: type === "group" ? { type: "assignGroup", groupId: id! } : { type: "assignOwner", userId: id! } }), changedText("Reassigned"));
        })}
      >
        <div className="space-y-1">
          <label htmlFor="bulk-owner" className="block text-sm font-medium text-slate-700">
            New owner
          </label>
          <select id="bulk-owner" className={`${boxClass} w-full`} {...form.register("owner", { validate: (o) => (o.split(":")[1] ? true : "Choose an owner") })} aria-describedby={error ? "bulk-error" : undefined}>
            <option value="">Choose…</option>
            <optgroup label="Users">
              {data.users
                .filter((u) => u.isActive)
                .map((u) => (
                  <option key={u.id} value={`user:${u.id}`}>
                    {u.id === data.me ? `${u.name} (me)` : u.name}
                  </option>
                ))}
            </optgroup>
            {data.groups.length > 0 ? (
              <optgroup label="Groups">
                {data.groups.map((g) => (
                  <option key={g.id} value={`group:${g.id}`}>
                    {g.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </div>
      </FormDialog>
      ) : null}

      {(["addTags", "removeTags"] as const).filter((mode) => dialog === mode).map((mode) => (
        <FormDialog
          key={mode}
          open
          onOpenChange={(o) => setDialog(o ? mode : null)}
          title={`${mode === "addTags" ? "Add tags to" : "Remove tags from"} ${selected}`}
          {...formState}
          submitLabel={mode === "addTags" ? "Add tags" : "Remove tags"}
          onSubmit={form.handleSubmit((v) => perform(edit.run({ selection, operation: { type: mode, tags: splitTags(v.tags) } }), changedText(mode === "addTags" ? "Tagged" : "Untagged")))}
        >
          <TextField label="Tags" hint="Separate tags with commas." {...form.register("tags", { validate: (t) => (splitTags(t).length ? true : "Name at least one tag") })} autoFocus />
          {data.tags.length > 0 ? (
            <div className="flex flex-wrap items-center gap-1 text-xs text-slate-500">
              Known tags:
              {data.tags.slice(0, 30).map((t) => (
                <button key={t} type="button" onClick={() => form.setValue("tags", splitTags(`${tagText},${t}`).join(", "))} className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-700 hover:bg-slate-200">
                  {t}
                </button>
              ))}
            </div>
          ) : null}
        </FormDialog>
      ))}

      {dialog === "list" ? (
      <FormDialog
        open
        onOpenChange={(o) => setDialog(o ? "list" : null)}
        title={`Add ${selected} to a list`}
        description="Only static lists take members by hand; a dynamic list follows its filter."
        {...formState}
        submitLabel="Add to list"
        submitDisabled={staticLists.length === 0}
        onSubmit={form.handleSubmit((v) =>
          perform(addToList.run({ selection, listId: v.listId }), (r) => `Added ${formatCount(r.changed)} new ${r.changed === 1 ? "member" : "members"} (${noun(r.matched)} selected)`),
        )}
      >
        {staticLists.length === 0 ? (
          <p className="text-sm text-slate-600">There are no static lists of {plural} yet.</p>
        ) : (
          <div className="space-y-1">
            <label htmlFor="bulk-list" className="block text-sm font-medium text-slate-700">
              List
            </label>
            <select id="bulk-list" className={`${boxClass} w-full`} {...form.register("listId", { validate: (l) => (l ? true : "Choose a list") })}>
              <option value="">Choose…</option>
              {staticLists.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </FormDialog>
      ) : null}

      <FormDialog
        open={dialog === "delete"}
        onOpenChange={(o) => setDialog(o ? "delete" : null)}
        title={`Delete ${selected}?`}
        description="They leave every table and list view. You can undo right after."
        {...formState}
        submitLabel="Delete"
        danger
        onSubmit={remove}
      />
    </div>
  );
}
