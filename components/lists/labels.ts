import type { FilterField, FilterValueOptions } from "@/components/filter-builder";
import { typeOptions } from "@/components/records/type-labels";

export const LIST_OBJECT_TYPES = typeOptions(["CONTACT", "COMPANY", "DEAL", "LEAD", "TICKET", "ACTIVITY"]);
export type ListObjectTypeValue = (typeof LIST_OBJECT_TYPES)[number]["value"];

/** The list page's extra table column: when each member joined. */
export const JOINED_COLUMN = "joinedAt";

export const objectTypeLabel = (t: string) => LIST_OBJECT_TYPES.find((o) => o.value === t)?.label ?? t;

export type FieldsByType = Record<ListObjectTypeValue, FilterField[]>;
export type OptionsByType = Record<ListObjectTypeValue, FilterValueOptions>;

/** An action's answer: the next-safe-action envelope around our { ok, ... } result. */
export interface ActionEnvelope<T> {
  data?: { ok: true; data: T } | { ok: false; message: string; errors?: { path: string; message: string }[] };
  serverError?: string;
  validationErrors?: unknown;
}

/** The error message of an action answer, or null when it succeeded. */
export function failureOf<T>(r: ActionEnvelope<T> | undefined): { message: string; errors: { path: string; message: string }[] } | null {
  if (!r) return { message: "No answer from the server", errors: [] };
  if (r.serverError) return { message: r.serverError, errors: [] };
  if (r.validationErrors || !r.data) return { message: "The input was not accepted", errors: [] };
  if (!r.data.ok) return { message: r.data.message, errors: r.data.errors ?? [] };
  return null;
}

export const formatTime = (iso: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "—");
