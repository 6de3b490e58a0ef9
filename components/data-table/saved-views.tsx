"use client";

import { Bookmark, ChevronDown, Trash2 } from "lucide-react";
import Link from "next/link";
import { Popover } from "radix-ui";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { FormDialog } from "@/components/ui/form-dialog";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/action-result";
import type { DataTableData } from "@/lib/views/bootstrap";

export type SavedViewItem = DataTableData["views"][number];

/** My saved views of this kind: apply (a link to the view's URL), delete, and save the current one under a name. */
export function SavedViews({
  views,
  activeId,
  hrefOf,
  saveView,
  onSaved,
  onDelete,
}: {
  views: SavedViewItem[];
  activeId: string | null;
  hrefOf: (view: SavedViewItem) => string;
  /** Saves the table's current state under this name (the kind's saveView action). */
  saveView: (name: string) => Promise<ActionResult<unknown>>;
  onSaved: (name: string) => void;
  onDelete: (view: SavedViewItem) => Promise<void>;
}) {
  const [saving, setSaving] = useState(false);
  const [open, setOpen] = useState(false);
  const form = useForm<{ name: string }>({ defaultValues: { name: "" } });
  // A refusal shows its message under the name, the one field.
  const save = useFormAction(saveView, form, { place: () => null });
  const { errors, isSubmitting: pending } = form.formState;
  const name = useWatch({ control: form.control, name: "name" });
  const active = views.find((v) => v.id === activeId);
  return (
    <>
      <Popover.Root open={open} onOpenChange={setOpen}>
        <Popover.Trigger asChild>
          <Button variant="secondary" size="sm" aria-label={active ? `Saved views (current: ${active.name})` : "Saved views"}>
            <Bookmark className="size-4" aria-hidden />
            <span className="max-w-40 truncate">{active ? active.name : "Views"}</span>
            <ChevronDown className="size-3.5" aria-hidden />
          </Button>
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content align="end" sideOffset={4} className="z-50 max-h-96 w-72 overflow-y-auto rounded-md border border-slate-200 bg-white p-2 shadow-lg" aria-label="Saved views">
            <p className="px-1 pb-1 text-xs font-medium uppercase tracking-wide text-slate-500">My views</p>
            {views.length === 0 ? <p className="px-1 py-2 text-sm text-slate-500">No saved views yet.</p> : null}
            <ul className="space-y-0.5">
              {views.map((v) => (
                <li key={v.id} className="flex items-center gap-1">
                  <Link
                    href={hrefOf(v)}
                    onClick={() => setOpen(false)}
                    aria-current={v.id === activeId ? "true" : undefined}
                    className="min-w-0 flex-1 truncate rounded px-2 py-1.5 text-sm hover:bg-slate-100 aria-[current=true]:font-semibold aria-[current=true]:text-brand-700"
                  >
                    {v.name}
                  </Link>
                  <button type="button" aria-label={`Delete view ${v.name}`} onClick={() => void onDelete(v)} className="rounded p-1.5 text-slate-400 hover:bg-slate-100 hover:text-red-600">
                    <Trash2 className="size-4" aria-hidden />
                  </button>
                </li>
              ))}
            </ul>
            <div className="mt-2 border-t border-slate-100 pt-2">
              <Button
                variant="ghost"
                size="sm"
                onClick={() => {
                  setOpen(false);
                  form.reset();
                  setSaving(true);
                }}
              >
                Save current view…
              </Button>
            </div>
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
      <FormDialog
        open={saving}
        onOpenChange={setSaving}
        title="Save view"
        description="Saves the current filter, sort and columns for you."
        onSubmit={form.handleSubmit(async (v) => {
          const r = await save.run(v.name);
          if (!r.ok) return;
          setSaving(false);
          onSaved(v.name);
        })}
        pending={pending}
        submitLabel="Save view"
        pendingLabel="Saving…"
        submitDisabled={!name.trim()}
      >
        <TextField label="View name" {...form.register("name")} error={errors.name?.message ?? errors.root?.server?.message} maxLength={100} required autoFocus />
      </FormDialog>
    </>
  );
}
