"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { Archive, ArchiveRestore, Pencil, RefreshCw, Save, Trash2, UserPlus } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { tableKeys } from "@/components/data-table/use-table-rows";
import { asGroup, type FilterField, type FilterValueOptions } from "@/components/filter-builder";
import { Button } from "@/components/ui/button";
import { TextareaField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { FormDialog } from "@/components/ui/form-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import { actionMessage } from "@/lib/action-result";
import type { ValidationIssue } from "@/lib/errors";
import type { FilterGroup, FilterNode } from "@/lib/filters/schema";
import { addMembersAction, deleteListAction, refreshListAction, removeMemberAction, updateListAction } from "@/lib/lists/actions";
import { AddBySearch } from "./add-by-search";
import { ListFilterEditor } from "./filter-editor";
import { type ListObjectTypeValue } from "./labels";
import { MaybeDateTime } from "@/components/ui/date-time";
import { labelFor } from "@/lib/format/labels";

export interface MemberView {
  memberId: string;
  title: string;
  href: string | null;
  deleted: boolean;
  addedAt: string;
  source: string;
}

export interface ListView {
  id: string;
  name: string;
  description: string | null;
  objectType: ListObjectTypeValue;
  processingType: "STATIC" | "DYNAMIC";
  filter: unknown;
  memberCount: number;
  lastRefreshedAt: string | null;
  isArchived: boolean;
}

/** After a membership change: the table reloads its rows, the server parts (counts, history) re-render. */
function useReload() {
  const router = useRouter();
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: tableKeys.all });
    router.refresh();
  };
}

const detailsSchema = z.object({
  name: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
  description: z.string().max(2000, "must be at most 2000 characters"),
});
type Details = z.input<typeof detailsSchema>;

/** Rename, describe, archive / restore and delete one list. */
export function ListActions({ list }: { list: ListView }) {
  const router = useRouter();
  const status = useAction(updateListAction);
  const remove = useAction(deleteListAction);
  const [open, setOpen] = useState(false);
  const defaults: Details = { name: list.name, description: list.description ?? "" };
  const form = useForm<Details>({ resolver: zodResolver(detailsSchema), defaultValues: defaults });
  const update = useFormAction(updateListAction, form);
  const { errors, isSubmitting } = form.formState;
  const busy = isSubmitting || status.isExecuting || remove.isExecuting;

  const save = form.handleSubmit(async (v) => {
    const r = await update.run({ listId: list.id, name: v.name, description: v.description.trim() || null });
    if (!r.ok) return;
    toast.success("List saved");
    setOpen(false);
    router.refresh();
  });
  const setArchived = async (isArchived: boolean) => {
    const failure = actionMessage(await status.executeAsync({ listId: list.id, isArchived }));
    if (failure) return void toast.error(failure);
    toast.success(isArchived ? `${list.name} archived` : `${list.name} restored`);
    router.refresh();
  };
  const destroy = async () => {
    if (!window.confirm(`Delete the list "${list.name}"? Its records are not deleted.`)) return;
    const failure = actionMessage(await remove.executeAsync({ listId: list.id }));
    if (failure) return void toast.error(failure);
    toast.success(`${list.name} deleted`);
    router.push("/lists");
  };

  return (
    <>
      <FormDialog
        open={open}
        onOpenChange={(o) => {
          setOpen(o);
          if (o) form.reset(defaults);
        }}
        title="Edit list"
        trigger={
          <Button variant="secondary" size="sm" disabled={busy}>
            <Pencil className="size-4" aria-hidden /> Edit
          </Button>
        }
        onSubmit={save}
        pending={isSubmitting}
        error={errors.root?.server?.message}
        submitLabel="Save"
        pendingLabel="Saving…"
        submitDisabled={busy}
      >
        <TextField label="Name" autoComplete="off" {...form.register("name")} error={errors.name?.message} />
        <TextField label="Description" autoComplete="off" {...form.register("description")} error={errors.description?.message} />
      </FormDialog>
      <Button variant="secondary" size="sm" disabled={busy} onClick={() => setArchived(!list.isArchived)}>
        {list.isArchived ? <ArchiveRestore className="size-4" aria-hidden /> : <Archive className="size-4" aria-hidden />}
        {list.isArchived ? "Restore" : "Archive"}
      </Button>
      <Button variant="secondary" size="sm" disabled={busy} onClick={destroy}>
        <Trash2 className="size-4 text-red-600" aria-hidden /> Delete
      </Button>
    </>
  );
}

/** "Refresh now" (with progress) and the filter editor of a dynamic list. */
export function DynamicListControls({ list, fields, options, canWrite }: { list: ListView; fields: FilterField[]; options?: FilterValueOptions; canWrite: boolean }) {
  const reload = useReload();
  const refresh = useAction(refreshListAction);
  // The filter's errors go on its conditions (FilterBuilder), by path; anything else in the alert.
  const [errors, setErrors] = useState<ValidationIssue[]>([]);
  const form = useForm<{ filter: FilterGroup }>({ defaultValues: { filter: asGroup(list.filter as FilterNode | null) } });
  const update = useFormAction(updateListAction, form, { place: () => null, onFailure: (f) => setErrors(f.issues) });
  const filter = useWatch({ control: form.control, name: "filter" });
  const message = form.formState.errors.root?.server?.message;

  const refreshNow = async () => {
    const r = await refresh.executeAsync({ listId: list.id });
    const failure = actionMessage(r);
    if (failure) return void toast.error(failure);
    if (r.data) toast.success(`Refreshed: ${r.data.added} joined, ${r.data.removed} left, ${r.data.total} members`);
    reload();
  };
  const save = form.handleSubmit(async (v) => {
    setErrors([]);
    const r = await update.run({ listId: list.id, filter: v.filter });
    if (!r.ok) return;
    toast.success("Filter saved; members recomputed");
    reload();
  });

  return (
    <section className="mb-6 space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Filter">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600">Last refreshed <MaybeDateTime value={list.lastRefreshedAt} empty="never" />. Members follow record changes within seconds.</p>
        {canWrite ? (
          <Button variant="secondary" onClick={refreshNow} disabled={refresh.isExecuting}>
            <RefreshCw className={refresh.isExecuting ? "size-4 animate-spin" : "size-4"} aria-hidden /> {refresh.isExecuting ? "Refreshing…" : "Refresh now"}
          </Button>
        ) : null}
      </div>
      {refresh.isExecuting ? (
        <div role="progressbar" aria-label="Recomputing the members" className="h-1.5 w-full overflow-hidden rounded bg-brand-100">
          <div className="h-full w-1/3 animate-pulse rounded bg-brand-600" />
        </div>
      ) : null}
      {canWrite ? (
        <>
          <FormAlert message={message} />
          <ListFilterEditor
            objectType={list.objectType}
            fields={fields}
            options={options}
            value={filter}
            onChange={(f) => form.setValue("filter", f, { shouldDirty: true })}
            errors={errors.filter((e) => e.path.startsWith("filter"))}
            listId={list.id}
            refreshKey={`${list.memberCount}:${list.lastRefreshedAt}`}
          />
          <div className="flex justify-end">
            <Button onClick={() => void save()} disabled={form.formState.isSubmitting}>
              <Save className="size-4" aria-hidden /> {form.formState.isSubmitting ? "Saving…" : "Save filter"}
            </Button>
          </div>
        </>
      ) : (
        <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(list.filter, null, 2)}</pre>
      )}
    </section>
  );
}

/** Add members to a static list by search, or by pasting ids (or emails, for contacts and leads). */
export function AddMembersForm({ list }: { list: ListView }) {
  const reload = useReload();
  const form = useForm<{ text: string }>({ defaultValues: { text: "" } });
  // A refusal shows its message under the textarea.
  const add = useFormAction(addMembersAction, form, { place: () => null });
  const text = useWatch({ control: form.control, name: "text" });
  const message = form.formState.errors.text?.message ?? form.formState.errors.root?.server?.message;
  const emails = list.objectType === "CONTACT" || list.objectType === "LEAD";
  const addRefs = async (refs: string) => {
    form.clearErrors();
    const r = await add.run({ listId: list.id, objectType: list.objectType, text: refs });
    if (!r.ok) return false;
    toast.success(`${r.data.added} added (${r.data.total} members)`);
    reload();
    return true;
  };
  const submit = form.handleSubmit(async (v) => {
    if (await addRefs(v.text)) form.reset({ text: "" });
  });
  return (
    <section aria-label="Add members" className="mb-6 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      {list.objectType !== "ACTIVITY" ? <AddBySearch kind={list.objectType} onAdd={(recordId) => addRefs(recordId)} /> : null}
      <form onSubmit={submit} className="space-y-2">
        <TextareaField
          label={`Paste ${emails ? "ids or emails" : "ids"}`}
          {...form.register("text")}
          placeholder={emails ? "Record ids or emails, one per line or comma-separated" : "Record ids, one per line or comma-separated"}
          error={message}
        />
        <div className="flex justify-end">
          <Button type="submit" disabled={add.isPending || !text.trim()}>
            <UserPlus className="size-4" aria-hidden /> {add.isPending ? "Adding…" : "Add"}
          </Button>
        </div>
      </form>
    </section>
  );
}

/** Members of an activity list (activities have no record table). */
export function MembersTable({ list, members, canRemove, nextHref }: { list: ListView; members: MemberView[]; canRemove: boolean; nextHref: string | null }) {
  const reload = useReload();
  const remove = useAction(removeMemberAction);
  const removeOne = async (m: MemberView) => {
    const failure = actionMessage(await remove.executeAsync({ listId: list.id, memberId: m.memberId }));
    if (failure) return void toast.error(failure);
    toast.success(`${m.title} removed from ${list.name}`);
    reload();
  };
  if (members.length === 0) return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">No members.</p>;
  return (
    <>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2">Name</th>
              <th scope="col" className="px-3 py-2">Joined</th>
              <th scope="col" className="px-3 py-2">How</th>
              {canRemove ? <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((m) => (
              <tr key={m.memberId}>
                <td className="px-3 py-2">
                  {m.href ? (
                    <Link href={m.href} className="font-medium text-brand-700 hover:underline">
                      {m.title}
                    </Link>
                  ) : (
                    <span className="font-medium">{m.title}</span>
                  )}
                  {m.deleted ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-500">deleted</span> : null}
                </td>
                <td className="px-3 py-2">
                  <MaybeDateTime value={m.addedAt} />
                </td>
                <td className="px-3 py-2 text-slate-600">{labelFor("LIST_MEMBERSHIP_SOURCES", m.source)}</td>
                {canRemove ? (
                  <td className="px-3 py-2 text-right">
                    <Button variant="ghost" size="sm" disabled={remove.isExecuting} onClick={() => removeOne(m)} aria-label={`Remove ${m.title}`}>
                      <Trash2 className="size-4 text-red-600" aria-hidden /> Remove
                    </Button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {nextHref ? (
        <p className="mt-3 text-sm">
          <Link href={nextHref} className="text-brand-700 hover:underline">
            Next page →
          </Link>
        </p>
      ) : null}
    </>
  );
}
