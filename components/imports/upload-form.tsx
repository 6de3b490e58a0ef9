"use client";

import { formatNumber } from "@/lib/format";
import { Upload } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { SelectField } from "@/components/ui/select-field";
import { cn } from "@/components/ui/cn";
import type { ImportKind } from "@/lib/imports/fields";
import { importApi } from "./api";

const KINDS: { value: ImportKind; label: string }[] = [
  { value: "CONTACT", label: "Contacts" },
  { value: "COMPANY", label: "Companies" },
  { value: "LEAD", label: "Leads" },
  { value: "DEAL", label: "Deals" },
];

/** Step 1: what to import, and the file (dropped or picked); then on to its mapping. */
export function UploadForm({ defaultKind }: { defaultKind: ImportKind }) {
  const router = useRouter();
  const [kind, setKind] = useState<ImportKind>(defaultKind);
  const [file, setFile] = useState<File | null>(null);
  const [over, setOver] = useState(false);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const errorId = useId();

  async function upload(e: React.FormEvent) {
    e.preventDefault();
    if (!file) {
      setError("Choose a CSV file first");
      return;
    }
    setPending(true);
    setError(undefined);
    try {
      const imp = await importApi(`?${new URLSearchParams({ objectType: kind, fileName: file.name })}`, { method: "POST", body: file, headers: { "content-type": "text/csv" } });
      router.push(`/settings/imports/${imp.id}`);
    } catch (err) {
      setError(err instanceof Error ? err.message : "The upload failed");
      setPending(false);
    }
  }

  return (
    <form onSubmit={upload} className="max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-5" aria-describedby={error ? errorId : undefined}>
      <SelectField label="Import into" name="objectType" value={kind} onChange={(e) => setKind(e.target.value as ImportKind)} options={KINDS} />
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const dropped = e.dataTransfer.files[0];
          if (dropped) setFile(dropped);
        }}
        className={cn("rounded-lg border-2 border-dashed p-6 text-center text-sm", over ? "border-brand-500 bg-brand-50" : "border-slate-300")}
      >
        <Upload className="mx-auto mb-2 size-6 text-slate-400" aria-hidden />
        <p className="text-slate-700">Drop a CSV file here, or</p>
        <label htmlFor={inputId} className="mt-1 inline-block cursor-pointer font-medium text-brand-700 underline focus-within:outline">
          choose a CSV file
        </label>
        <input
          ref={input}
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          className="sr-only"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <p className="mt-2 text-xs text-slate-500">UTF-8, comma or semicolon separated, up to 100 MB and 1,000,000 rows. Exports of HubSpot, Salesforce and Pipedrive are recognised.</p>
        {file ? (
          <p className="mt-2 font-medium text-slate-900" aria-live="polite">
            {file.name} · {formatNumber(file.size / 1024, undefined, 1)} KB
          </p>
        ) : null}
      </div>
      <FormAlert id={errorId} message={error} />
      <Button type="submit" disabled={pending || !file}>
        {pending ? "Uploading…" : "Upload and map columns"}
      </Button>
    </form>
  );
}
