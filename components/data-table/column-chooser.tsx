"use client";

import { Columns3 } from "lucide-react";
import { Popover } from "radix-ui";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { TableColumn } from "@/lib/views/columns";

/** Show or hide columns (built-in, tags, custom fields); the title column always stays. */
export function ColumnChooser({ columns, visible: applied, onChange, onReset }: { columns: TableColumn[]; visible: string[]; onChange: (next: string[]) => void; onReset: () => void }) {
  // checked at once; the table follows when the server has rendered the new columns
  const [visible, setVisible] = useState(applied);
  const [seen, setSeen] = useState(applied);
  if (seen.join(",") !== applied.join(",")) {
    setSeen(applied);
    setVisible(applied);
  }
  const toggle = (id: string, on: boolean) => {
    const set = new Set(visible);
    if (on) set.add(id);
    else set.delete(id);
    // keep the catalog's order, so a shared link reads the same for everyone
    const next = columns.map((c) => c.id).filter((c) => set.has(c));
    setVisible(next);
    onChange(next);
  };
  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <Button variant="secondary" size="sm" aria-label="Choose columns">
          <Columns3 className="size-4" aria-hidden /> Columns
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="end" sideOffset={4} className="z-50 max-h-96 w-64 overflow-y-auto rounded-md border border-slate-200 bg-white p-2 shadow-lg">
          <fieldset>
            <legend className="px-1 pb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Visible columns</legend>
            <ul className="space-y-0.5">
              {columns.map((c) => (
                <li key={c.id}>
                  <label className="flex items-center gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50">
                    <input type="checkbox" className="size-4 rounded border-slate-300" checked={c.fixed || visible.includes(c.id)} disabled={c.fixed} onChange={(e) => toggle(c.id, e.target.checked)} />
                    <span className="truncate">{c.label}</span>
                    {c.id.startsWith("customFields.") ? <span className="ml-auto text-xs text-slate-400">custom</span> : null}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <div className="mt-2 border-t border-slate-100 pt-2">
            <Button variant="ghost" size="sm" onClick={onReset}>
              Reset to default
            </Button>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
