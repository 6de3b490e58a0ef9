"use client";

import { formatCount } from "@/lib/format";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId } from "react";
import { Badge } from "@/components/ui/badge";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { ImportField } from "@/lib/imports/fields";
import type { ImportJson } from "@/lib/imports/schemas";
import { recordPath } from "@/lib/records/kinds";
import { importApi, importQueryKey, isActive, STATUS_LABELS } from "./api";
import { MappingForm, type Option } from "./mapping-form";

export interface ImportPageProps {
  initial: ImportJson;
  fields: ImportField[];
  matchKeys: Option[];
  lists: Option[];
  members: Option[];
  plural: string;
}

/** An import's page: its mapping while MAPPING, then the worker's progress, the result and undo. Polls while the worker runs. */
export function ImportDetail(props: ImportPageProps) {
  const { initial } = props;
  const queryClient = useQueryClient();
  const { data: imp } = useQuery({
    queryKey: importQueryKey(initial.id),
    queryFn: () => importApi(`/${initial.id}`),
    initialData: initial,
    refetchInterval: (q) => (q.state.data && isActive(q.state.data.status) ? 1000 : false),
  });
  const refresh = (next: ImportJson) => queryClient.setQueryData(importQueryKey(initial.id), next);

  return (
    <div className="space-y-5">
      <p className="flex items-center gap-2 text-sm text-slate-700">
        <span className="font-medium text-slate-900">{imp.fileName ?? "CSV file"}</span>· {formatCount(imp.rowCount)} rows of {props.plural} ·
        <Badge tone={imp.status === "FAILED" ? "red" : imp.status === "SUCCEEDED" || imp.status === "UNDONE" ? "green" : "neutral"}>{STATUS_LABELS[imp.status]}</Badge>
      </p>
      {imp.status === "MAPPING" ? <MappingForm {...props} imp={imp} onChange={refresh} /> : <Progress imp={imp} plural={props.plural} fields={props.fields} onChange={refresh} />}
    </div>
  );
}

function Bar({ label, done, total }: { label: string; done: number; total: number }) {
  const id = useId();
  const pct = total ? Math.round((done / total) * 100) : 100;
  return (
    <div>
      <div className="mb-1 flex justify-between text-sm text-slate-700">
        <span id={id}>{label}</span>
        <span>
          {formatCount(done)} of {formatCount(total)} rows ({pct}%)
        </span>
      </div>
      <div role="progressbar" aria-labelledby={id} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} className="h-3 overflow-hidden rounded-full bg-slate-200">
        <div className="h-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

function Progress({ imp, plural, fields, onChange }: { imp: ImportJson; plural: string; fields: ImportField[]; onChange: (i: ImportJson) => void }) {
  const counts = [
    ["Rows done", imp.processed],
    ["Created", imp.created],
    ["Updated", imp.updated],
    ["Unchanged or skipped", imp.skipped],
    ["Failed", imp.failed],
  ] as const;
  const finished = imp.status === "SUCCEEDED" || imp.status === "FAILED";
  const written = imp.created + imp.updated;
  const label = (path: string) => fields.find((f) => f.path === path)?.label ?? path;
  return (
    <section aria-labelledby="progress-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="progress-heading" className="font-medium text-slate-900">
        {imp.status === "UNDOING" || imp.status === "UNDONE" ? "Undo" : finished ? "Result" : "Progress"}
      </h2>
      {imp.status === "UNDOING" || imp.status === "UNDONE" ? (
        <Bar label="Undo progress" done={imp.undone} total={written} />
      ) : (
        <Bar label="Import progress" done={imp.processed} total={imp.rowCount} />
      )}
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" aria-live="polite">
        {counts.map(([name, n]) => (
          <div key={name} className="rounded-md bg-slate-50 p-3">
            <dt className="text-xs text-slate-600">{name}</dt>
            <dd className="text-lg font-semibold text-slate-900" data-testid={`count-${name.toLowerCase().replaceAll(" ", "-")}`}>
              {formatCount(n)}
            </dd>
          </div>
        ))}
      </dl>
      {imp.error ? <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-700">{imp.error}</p> : null}
      {finished || imp.status === "UNDONE" ? (
        <div className="flex flex-wrap items-center gap-3">
          {imp.failed > 0 ? (
            <a href={`/api/v1/imports/${imp.id}/errors`} download className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50">
              Download failed rows
            </a>
          ) : null}
          {imp.status !== "UNDONE" && written > 0 ? (
            <Link href={imp.listId ? `/lists/${imp.listId}` : recordPath(imp.objectType)} className="text-sm font-medium text-brand-700 underline">
              {imp.listId ? `View the imported ${plural}` : `View ${plural}`}
            </Link>
          ) : null}
          {finished && written > 0 ? (
            <ConfirmButton
              label="Undo import"
              title="Undo this import?"
              description={`The ${formatCount(imp.created)} ${plural} it created are deleted, and the values it overwrote on ${formatCount(imp.updated)} ${plural} are put back — except fields someone changed since, which are left and listed.`}
              confirmLabel="Undo import"
              variant="danger"
              onConfirm={async () => {
                onChange(await importApi(`/${imp.id}/undo`, { method: "POST" }));
                return true;
              }}
            />
          ) : null}
        </div>
      ) : null}
      {imp.status === "UNDONE" ? (
        <div className="text-sm text-slate-700">
          <p>
            Undone: {formatCount(imp.created)} created {plural} deleted, {formatCount(imp.updated)} updated {plural} put back.
          </p>
          {imp.conflicts.length ? (
            <>
              <p className="mt-2 font-medium">These fields changed after the import and were left as they are:</p>
              <ul className="mt-1 list-disc pl-5" aria-label="Conflicts">
                {imp.conflicts.slice(0, 200).map((c) => (
                  <li key={`${c.recordId}:${c.field}`}>
                    <Link href={recordPath(imp.objectType, c.recordId)} className="text-brand-700 underline">
                      {label(c.field)}
                    </Link>{" "}
                    of a {plural.replace(/s$/, "").replace(/ie$/, "y")}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="mt-1">No field had changed since the import.</p>
          )}
        </div>
      ) : null}
    </section>
  );
}
