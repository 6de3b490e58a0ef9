"use client";

import { Bookmark, ChevronDown, Trash2, Users } from "lucide-react";
import Link from "next/link";
import { Popover } from "radix-ui";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { FormDialog } from "@/components/ui/form-dialog";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/action-result";
import type { DataTableData, TableOption } from "@/lib/views/bootstrap";

export type SavedViewItem = DataTableData["views"][number];
export interface SaveViewInput {
  name: string;
  visibility: SavedViewItem["visibility"];
  groupId: string | null;
}

/** "Only me", "Everyone in the workspace", or "Group: <name>" as one select value. */
const PRIVATE = "private";
const WORKSPACE = "workspace";
const groupValue = (id: string) => `group:${id}`;

function sharingOf(value: string): Pick<SaveViewInput, "visibility" | "groupId"> {
  if (value.startsWith("group:")) return { visibility: "group", groupId: value.slice("group:".length) };
  return { visibility: value === WORKSPACE ? "workspace" : "private", groupId: null };
}

function sharedWith(v: SavedViewItem, groups: readonly TableOption[]): string | null {
  if (v.visibility === "workspace") return "Workspace";
  if (v.visibility === "group") return groups.find((g) => g.id === v.groupId)?.name ?? null;
  return null;
}

/**
 * Saved views of this kind: the user's own and those shared with them (apply = a link to
 * the view's URL); save the current one under a name (admins and managers may share it
 * with the workspace or a group); delete one of the user's own after confirming.
 */
export function SavedViews({
  views,
  activeId,
  hrefOf,
  canShare,
  groups,
  saveView,
  onSaved,
  onDelete,
}: {
  views: SavedViewItem[];
  activeId: string | null;
  hrefOf: (view: SavedViewItem) => string;
  canShare: boolean;
  groups: readonly TableOption[];
  /** Saves the table's current state under this name (the kind's saveView action). */
  saveView: (input: SaveViewInput) => Promise<ActionResult<unknown>>;
  onSaved: (name: string) => void;
  /** Resolves true when the view was deleted. */
  onDelete: (view: SavedViewItem) => Promise<boolean>;
}) {
  const [saving, setSaving] = useState(false);
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState<SavedViewItem | null>(null);
  const [deleting, setDeleting] = useState(false);
  const form = useForm<{ name: string; share: string }>({ defaultValues: { name: "", share: PRIVATE } });
  // A refusal shows its message under the name, the one field.
  const save = useFormAction(saveView, form, { place: () => null });
  const { errors, isSubmitting: pending } = form.formState;
  const name = useWatch({ control: form.control, name: "name" });
  const active = views.find((v) => v.id === activeId);
  const mine = views.filter((v) => v.mine);
  const shared = views.filter((v) => !v.mine);
  const linkClass =
    "min-w-0 flex-1 truncate rounded px-2 py-1.5 text-sm hover:bg-slate-100 aria-[current=true]:font-semibold aria-[current=true]:text-brand-700";
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
          <Popover.Content align="end" sideOffset={4} className="z-50 max-h-96 w-80 overflow-y-auto rounded-md border border-slate-200 bg-white p-2 shadow-lg" aria-label="Saved views">
            <p className="px-1 pb-1 text-xs font-medium uppercase tracking-wide text-slate-600">My views</p>
            {mine.length === 0 ? <p className="px-1 py-2 text-sm text-slate-600">No saved views yet.</p> : null}
            <ul className="space-y-0.5" aria-label="My views">
              {mine.map((v) => {
                const shareLabel = sharedWith(v, groups);
                return (
                  <li key={v.id} className="flex items-center gap-1">
                    <Link href={hrefOf(v)} onClick={() => setOpen(false)} aria-current={v.id === activeId ? "true" : undefined} className={linkClass}>
                      {v.name}
                    </Link>
                    {shareLabel ? (
                      <span className="inline-flex shrink-0 items-center gap-1 rounded bg-slate-100 px-1.5 text-xs text-slate-700" title={`Shared with ${shareLabel}`}>
                        <Users className="size-3" aria-hidden />
                        {shareLabel}
                      </span>
                    ) : null}
                    <button
                      type="button"
                      aria-label={`Delete view ${v.name}`}
                      onClick={() => {
                        setOpen(false);
                        setConfirming(v);
                      }}
                      className="rounded p-1.5 text-slate-500 hover:bg-slate-100 hover:text-red-600"
                    >
                      <Trash2 className="size-4" aria-hidden />
                    </button>
                  </li>
                );
              })}
            </ul>
            {shared.length > 0 ? (
              <>
                <p className="mt-2 px-1 pb-1 text-xs font-medium uppercase tracking-wide text-slate-600">Shared with me</p>
                <ul className="space-y-0.5" aria-label="Shared with me">
                  {shared.map((v) => (
                    <li key={v.id} className="flex items-center gap-1">
                      <Link href={hrefOf(v)} onClick={() => setOpen(false)} aria-current={v.id === activeId ? "true" : undefined} className={linkClass}>
                        {v.name}
                      </Link>
                      <span className="shrink-0 truncate px-1 text-xs text-slate-600">by {v.ownerName}</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
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
        description={canShare ? "Saves the current filter, sort and columns, for you or for others too." : "Saves the current filter, sort and columns for you."}
        onSubmit={form.handleSubmit(async (v) => {
          const r = await save.run({ name: v.name, ...sharingOf(v.share) });
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
        {canShare ? (
          <SelectField
            label="Share with"
            {...form.register("share")}
            options={[
              { value: PRIVATE, label: "Only me" },
              { value: WORKSPACE, label: "Everyone in the workspace" },
              ...groups.map((g) => ({ value: groupValue(g.id), label: `Group: ${g.name}` })),
            ]}
          />
        ) : null}
      </FormDialog>
      <FormDialog
        open={!!confirming}
        onOpenChange={(o) => {
          if (!o) setConfirming(null);
        }}
        title={`Delete view "${confirming?.name ?? ""}"?`}
        description={confirming && confirming.visibility !== "private" ? "The view is shared: the others will no longer see it. Your records are not changed." : "Only the saved view goes; your records are not changed."}
        onSubmit={async (e) => {
          e.preventDefault();
          if (!confirming) return;
          setDeleting(true);
          try {
            if (await onDelete(confirming)) setConfirming(null);
          } finally {
            setDeleting(false);
          }
        }}
        pending={deleting}
        submitLabel="Delete view"
        pendingLabel="Deleting…"
        danger
      />
    </>
  );
}
