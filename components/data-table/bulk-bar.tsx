"use client";

import { Download, ListPlus, Tag, Tags, Trash2, UserRound, X } from "lucide-react";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { Modal } from "@/components/settings/dialog";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { BulkResult } from "@/lib/bulk/service";
import type { DataTableData } from "@/lib/views/bootstrap";
import { actionData } from "@/lib/action-result";
import type { DataTableActions } from "./types";
import { boxClass } from "@/components/filter-builder/value-input";

type Dialog = "owner" | "addTags" | "removeTags" | "list" | "delete" | null;
type SelectionInput = Parameters<DataTableActions["bulkDelete"]>[0]["selection"];

const UNDO_CHUNK = 5000;
const splitTags = (text: string) => [...new Set(text.split(",").map((s) => s.trim()).filter(Boolean))];

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
  const [pending, setPending] = useState(false);
  const [owner, setOwner] = useState("");
  const [tagText, setTagText] = useState("");
  const [listId, setListId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const exportForm = useRef<HTMLFormElement>(null);
  const staticLists = data.lists.filter((l) => l.processingType === "STATIC");
  const noun = (n: number | string) => `${typeof n === "number" ? n.toLocaleString("en-US") : n} ${n === 1 || n === "1" ? data.singular : plural}`;
  const selected = noun(countLabel);

  const open = (d: Dialog) => {
    setError(null);
    setTagText("");
    setOwner("");
    setListId("");
    setDialog(d);
  };

  const perform = async (run: () => Promise<BulkResult>, message: (r: BulkResult) => string) => {
    setPending(true);
    setError(null);
    try {
      const r = await run();
      toast.success(message(r));
      setDialog(null);
      onChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setPending(false);
    }
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

  const remove = async () => {
    setPending(true);
    setError(null);
    try {
      const r = await actionData<BulkResult>(actions.bulkDelete({ selection }));
      setDialog(null);
      onDeleted();
      const undoInfo = r.undo;
      toast.success(`Deleted ${noun(r.changed)}`, {
        duration: 15_000,
        action: undoInfo && undoInfo.ids.length > 0 ? { label: "Undo", onClick: () => void undo(undoInfo.ids, undoInfo.deletedAt) } : undefined,
      });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setPending(false);
    }
  };

  const tags = splitTags(tagText);
  const changedText = (verb: string) => (r: BulkResult) => `${verb} ${r.changed.toLocaleString("en-US")} of ${noun(r.matched)}`;

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

      <Modal open={dialog === "owner"} onOpenChange={(o) => !pending && setDialog(o ? "owner" : null)} title={`Assign owner to ${selected}`}>
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            const [type, id] = owner.split(":");
            if (!id) return setError("Choose an owner");
            void perform(
              () => actionData<BulkResult>(actions.bulkEdit({ selection, operation: type === "group" ? { type: "assignGroup", groupId: id } : { type: "assignOwner", userId: id } })),
              changedText("Reassigned"),
            );
          }}
        >
          <div className="space-y-1">
            <label htmlFor="bulk-owner" className="block text-sm font-medium text-slate-700">
              New owner
            </label>
            <select id="bulk-owner" className={`${boxClass} w-full`} value={owner} onChange={(e) => setOwner(e.target.value)} aria-describedby={error ? "bulk-error" : undefined}>
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
          <DialogFooter error={error} pending={pending} submit="Assign owner" onCancel={() => setDialog(null)} />
        </form>
      </Modal>

      {(["addTags", "removeTags"] as const).map((mode) => (
        <Modal key={mode} open={dialog === mode} onOpenChange={(o) => !pending && setDialog(o ? mode : null)} title={`${mode === "addTags" ? "Add tags to" : "Remove tags from"} ${selected}`}>
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              if (tags.length === 0) return setError("Name at least one tag");
              void perform(() => actionData<BulkResult>(actions.bulkEdit({ selection, operation: { type: mode, tags } })), changedText(mode === "addTags" ? "Tagged" : "Untagged"));
            }}
          >
            <TextField label="Tags" hint="Separate tags with commas." value={tagText} onChange={(e) => setTagText(e.target.value)} autoFocus />
            {data.tags.length > 0 ? (
              <div className="flex flex-wrap items-center gap-1 text-xs text-slate-500">
                Known tags:
                {data.tags.slice(0, 30).map((t) => (
                  <button key={t} type="button" onClick={() => setTagText(splitTags(`${tagText},${t}`).join(", "))} className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-700 hover:bg-slate-200">
                    {t}
                  </button>
                ))}
              </div>
            ) : null}
            <DialogFooter error={error} pending={pending} submit={mode === "addTags" ? "Add tags" : "Remove tags"} onCancel={() => setDialog(null)} />
          </form>
        </Modal>
      ))}

      <Modal open={dialog === "list"} onOpenChange={(o) => !pending && setDialog(o ? "list" : null)} title={`Add ${selected} to a list`} description="Only static lists take members by hand; a dynamic list follows its filter.">
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (!listId) return setError("Choose a list");
            void perform(() => actionData<BulkResult>(actions.bulkAddToList({ selection, listId })), (r) => `Added ${r.changed.toLocaleString("en-US")} new ${r.changed === 1 ? "member" : "members"} (${noun(r.matched)} selected)`);
          }}
        >
          {staticLists.length === 0 ? (
            <p className="text-sm text-slate-600">There are no static lists of {plural} yet.</p>
          ) : (
            <div className="space-y-1">
              <label htmlFor="bulk-list" className="block text-sm font-medium text-slate-700">
                List
              </label>
              <select id="bulk-list" className={`${boxClass} w-full`} value={listId} onChange={(e) => setListId(e.target.value)}>
                <option value="">Choose…</option>
                {staticLists.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <DialogFooter error={error} pending={pending} submit="Add to list" onCancel={() => setDialog(null)} disabled={staticLists.length === 0} />
        </form>
      </Modal>

      <Modal open={dialog === "delete"} onOpenChange={(o) => !pending && setDialog(o ? "delete" : null)} title={`Delete ${selected}?`} description="They leave every table and list view. You can undo right after.">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void remove();
          }}
        >
          <DialogFooter error={error} pending={pending} submit="Delete" danger onCancel={() => setDialog(null)} />
        </form>
      </Modal>
    </div>
  );
}

function DialogFooter({ error, pending, submit, onCancel, danger, disabled }: { error: string | null; pending: boolean; submit: string; onCancel: () => void; danger?: boolean; disabled?: boolean }) {
  return (
    <div className="space-y-3">
      {error ? (
        <p id="bulk-error" role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" variant={danger ? "danger" : "primary"} disabled={pending || disabled}>
          {pending ? "Working…" : submit}
        </Button>
      </div>
    </div>
  );
}
