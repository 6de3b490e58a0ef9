"use client";
// Shared glue of the create and edit forms: server refusals go under their fields.
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { Outcome } from "@/components/record/action-result";

type SafeResult<T> = { data?: Outcome<T>; serverError?: string; validationErrors?: unknown } | undefined;

/**
 * The action's data on success; otherwise puts the messages on the form and answers null.
 * `place` names the form's fields, or maps an error's field to the form's path (null: not a field).
 */
export function unwrap<T, F extends FieldValues>(result: SafeResult<T>, setError: UseFormSetError<F>, place: readonly string[] | ((field: string) => string | null)): T | null {
  if (!result) {
    setError("root.server" as Path<F>, { type: "server", message: "No answer from the server; try again." });
    return null;
  }
  if (result.serverError || !result.data) {
    setError("root.server" as Path<F>, { type: "server", message: result.serverError ?? "The input was not accepted" });
    return null;
  }
  const out = result.data;
  if (out.ok) return out.data;
  let placed = false;
  const pathOf = typeof place === "function" ? place : (field: string) => (place.includes(field) ? field : null);
  for (const [field, message] of Object.entries(out.fieldErrors)) {
    const path = pathOf(field);
    if (!path) continue;
    setError(path as Path<F>, { type: "server", message });
    placed = true;
  }
  if (!placed) setError("root.server" as Path<F>, { type: "server", message: out.message });
  return null;
}
