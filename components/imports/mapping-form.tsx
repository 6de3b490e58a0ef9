"use client";

import { formatCount } from "@/lib/format";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { SelectField } from "@/components/ui/select-field";
import type { ImportField } from "@/lib/imports/fields";
import type { ImportJson } from "@/lib/imports/schemas";
import { importApi } from "./api";

export interface Option {
  value: string;
  label: string;
}

const MODES: Option[] = [
  { value: "CREATE", label: "Create a record for every row" },
  { value: "UPSERT", label: "Update matching records, create the others" },
  { value: "UPDATE", label: "Only update matching records (skip the others)" },
];
const NEW_LIST = "__new__";

type Preview = { row: number; outcome: string; error: string | null }[];

/** Step 2: each column to a field (or skipped), the mode and match key, what every row gets; a preview; start. */
export function MappingForm({ imp, fields, matchKeys, lists, members, plural, onChange }: { imp: ImportJson; fields: ImportField[]; matchKeys: Option[]; lists: Option[]; members: Option[]; plural: string; onChange: (i: ImportJson) => void }) {
  const [mapping, setMapping] = useState<Record<string, string>>(() => Object.fromEntries(imp.columns.map((c) => [c.header, imp.mapping[c.header] ?? ""])));
  const [mode, setMode] = useState(imp.mode);
  const [matchOn, setMatchOn] = useState(imp.matchOn ?? matchKeys[0]?.value ?? "");
  const [tags, setTags] = useState(imp.tags.join(", "));
  const [list, setList] = useState(imp.listId ?? NEW_LIST);
  const [owner, setOwner] = useState(imp.ownedByUserId ?? "");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState<"preview" | "start" | null>(null);
  const fieldOptions: Option[] = [{ value: "", label: "Skip this column" }, ...fields.map((f) => ({ value: f.path, label: f.label }))];

  async function save(listId: string | null) {
    return importApi(`/${imp.id}`, {
      method: "PATCH",
      json: {
        mapping: Object.fromEntries(Object.entries(mapping).map(([h, p]) => [h, p || null])),
        mode,
        matchOn: mode === "CREATE" ? null : matchOn,
        tags: tags.split(",").map((t) => t.trim()).filter(Boolean),
        listId,
        ownedByUserId: owner || null,
      },
    });
  }

  async function run(kind: "preview" | "start") {
    setPending(kind);
    setError(undefined);
    try {
      if (kind === "preview") {
        await save(list === NEW_LIST || !list ? null : list);
        setPreview((await importApi<{ data: Preview }>(`/${imp.id}/preview`, { method: "POST", json: {} })).data);
      } else {
        let listId: string | null = list || null;
        await save(list === NEW_LIST ? null : listId); // checks the settings before a list is made
        if (list === NEW_LIST) {
          const res = await fetch("/api/v1/lists", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ name: `Import: ${imp.fileName ?? "CSV"} (${new Date().toISOString().slice(0, 16).replace("T", " ")})`, objectType: imp.objectType, processingType: "STATIC" }),
          });
          if (!res.ok) throw new Error("The list for this import could not be created");
          listId = ((await res.json()) as { id: string }).id;
          await save(listId);
        }
        onChange(await importApi(`/${imp.id}/start`, { method: "POST", json: {} }));
      }
    } catch (err) {
      setError(err instanceof Error ? err.message : "Something went wrong");
    } finally {
      setPending(null);
    }
  }

  return (
    <form
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        void run("start");
      }}
    >
      <section aria-labelledby="columns-heading" className="rounded-lg border border-slate-200 bg-white">
        <h2 id="columns-heading" className="border-b border-slate-200 px-4 py-3 font-medium text-slate-900">
          Columns
        </h2>
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2">Column in the file</th>
              <th scope="col" className="px-4 py-2">Samples</th>
              <th scope="col" className="px-4 py-2">Import into</th>
            </tr>
          </thead>
          <tbody>
            {imp.columns.map((c) => (
              <tr key={c.header} className="border-t border-slate-100">
                <th scope="row" className="px-4 py-2 text-left font-medium text-slate-900">
                  {c.header}
                  {c.suggestedField ? <span className="block text-xs font-normal text-slate-500">suggested: {fields.find((f) => f.path === c.suggestedField)?.label ?? c.suggestedField}</span> : null}
                </th>
                <td className="max-w-xs truncate px-4 py-2 text-slate-600">{c.samples.join(" · ") || "—"}</td>
                <td className="px-4 py-2">
                  <SelectField label={`Field for column ${c.header}`} className="[&_label]:sr-only" value={mapping[c.header] ?? ""} onChange={(e) => setMapping({ ...mapping, [c.header]: e.target.value })} options={fieldOptions} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="settings-heading" className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <h2 id="settings-heading" className="font-medium text-slate-900 sm:col-span-2">
          How to import
        </h2>
        <SelectField label="Mode" value={mode} onChange={(e) => setMode(e.target.value as ImportJson["mode"])} options={MODES} />
        {mode !== "CREATE" ? <SelectField label="Match records on" value={matchOn} onChange={(e) => setMatchOn(e.target.value)} options={matchKeys} /> : <div />}
        <TextField label="Tags for every row" hint="Comma-separated" value={tags} onChange={(e) => setTags(e.target.value)} />
        <SelectField
          label="Add every row to a static list"
          value={list}
          onChange={(e) => setList(e.target.value)}
          options={[{ value: NEW_LIST, label: "A new list for this import" }, { value: "", label: "No list" }, ...lists]}
        />
        <SelectField label={`Owner of ${plural} without one`} value={owner} onChange={(e) => setOwner(e.target.value)} options={[{ value: "", label: "You (or the owner column)" }, ...members]} />
      </section>

      <FormAlert message={error} />
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" disabled={pending !== null} onClick={() => void run("preview")}>
          {pending === "preview" ? "Checking…" : "Check the first rows"}
        </Button>
        <Button type="submit" disabled={pending !== null}>
          {pending === "start" ? "Starting…" : `Start import of ${formatCount(imp.rowCount)} rows`}
        </Button>
      </div>

      {preview ? (
        <section aria-labelledby="preview-heading" className="rounded-lg border border-slate-200 bg-white">
          <h2 id="preview-heading" className="border-b border-slate-200 px-4 py-3 font-medium text-slate-900">
            Preview of the first {preview.length} rows (nothing written yet)
          </h2>
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2">Row</th>
                <th scope="col" className="px-4 py-2">Would be</th>
                <th scope="col" className="px-4 py-2">Error</th>
              </tr>
            </thead>
            <tbody>
              {preview.map((p) => (
                <tr key={p.row} className="border-t border-slate-100">
                  <td className="px-4 py-2">{p.row}</td>
                  <td className="px-4 py-2">{p.outcome.charAt(0) + p.outcome.slice(1).toLowerCase()}</td>
                  <td className="px-4 py-2 text-red-700">{p.error ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </form>
  );
}
