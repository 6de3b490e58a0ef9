// The imports UI speaks the REST API (/api/v1/imports) with the browser's session: the
// upload streams a file of up to 100 MB, which a server action could not take.
import type { ImportJson } from "@/lib/imports/schemas";

export class ImportApiError extends Error {}

async function problemText(res: Response): Promise<string> {
  try {
    const p = (await res.json()) as { detail?: string; errors?: { path: string; message: string }[] };
    if (p.errors?.length) return p.errors.map((e) => (e.path && e.path !== "file" ? `${e.path}: ${e.message}` : e.message)).join("; ");
    return p.detail ?? `Request failed (${res.status})`;
  } catch {
    return `Request failed (${res.status})`;
  }
}

export async function importApi<T = ImportJson>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const res = await fetch(`/api/v1/imports${path}`, {
    ...rest,
    headers: json !== undefined ? { "content-type": "application/json", ...rest.headers } : rest.headers,
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  if (!res.ok) throw new ImportApiError(await problemText(res));
  return (await res.json()) as T;
}

export const importQueryKey = (id: string) => ["import", id] as const;

/** Still moving: the page polls while the worker runs it or its undo. */
export const isActive = (status: ImportJson["status"]) => status === "QUEUED" || status === "RUNNING" || status === "UNDOING";

export const STATUS_LABELS: Record<ImportJson["status"], string> = {
  MAPPING: "Waiting for mapping",
  QUEUED: "Queued",
  RUNNING: "Running",
  SUCCEEDED: "Finished",
  FAILED: "Failed",
  UNDOING: "Undoing",
  UNDONE: "Undone",
};
