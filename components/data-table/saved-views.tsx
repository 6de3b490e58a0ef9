"use client";

import { Bookmark, ChevronDown, Trash2 } from "lucide-react";
import Link from "next/link";
import { Popover } from "radix-ui";
import { useState } from "react";
import { FormDialog } from "@/components/ui/form-dialog";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { DataTableData } from "@/lib/views/bootstrap";

export type SavedViewItem = DataTableData["views"][number];

/** My saved views of this kind: apply (a link to the view's URL), delete, and save the current one under a name. */
export function SavedViews({
  views,
  activeId,
  hrefOf,
  onSave,
  onDelete,
}: {
  views: SavedViewItem[];
  activeId: string | null;
  hrefOf: (view: SavedViewItem) => string;
  /** Resolves to an error message, or null when saved. */
  onSave: (name: string) => Promise<string | null>;
  onDelete: (view: SavedViewItem) => Promise<void>;
}) {
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [open, setOpen] = useState(false);
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
                  setName("");
                  setError(null);
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
        onSubmit={async (e) => {
          e.preventDefault();
          setPending(true);
          try {
            const problem = await onSave(name);
            if (problem) setError(problem);
            else setSaving(false);
          } finally {
            setPending(false);
          }
        }}
        pending={pending}
        submitLabel="Save view"
        pendingLabel="Saving…"
        submitDisabled={!name.trim()}
      >
        <TextField label="View name" value={name} onChange={(e) => setName(e.target.value)} error={error ?? undefined} maxLength={100} required autoFocus />
      </FormDialog>
    </>
  );
}
