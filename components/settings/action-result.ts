// Client helpers for next-safe-action results in react-hook-form forms.
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

interface ErrorNode {
  _errors?: string[];
  [field: string]: unknown;
}

export interface ActionResultLike {
  serverError?: string;
  validationErrors?: ErrorNode;
}

/** Puts server-side field errors under their fields and anything else in `root`. True if there were errors. */
export function applyActionErrors<T extends FieldValues>(result: ActionResultLike, setError: UseFormSetError<T>): boolean {
  let any = false;
  const ve = result.validationErrors;
  if (ve) {
    for (const [field, node] of Object.entries(ve)) {
      if (field === "_errors") continue;
      const message = (node as ErrorNode | undefined)?._errors?.[0];
      if (message) {
        setError(field as Path<T>, { type: "server", message });
        any = true;
      }
    }
    if (ve._errors?.[0]) {
      setError("root.server" as Path<T>, { type: "server", message: ve._errors[0] });
      any = true;
    }
  }
  if (result.serverError) {
    setError("root.server" as Path<T>, { type: "server", message: result.serverError });
    any = true;
  }
  return any;
}

/** One message for a result that failed, for toasts. */
export function actionErrorMessage(result: ActionResultLike): string | null {
  if (result.serverError) return result.serverError;
  const ve = result.validationErrors;
  if (!ve) return null;
  if (ve._errors?.[0]) return ve._errors[0];
  for (const [field, node] of Object.entries(ve)) {
    const m = (node as ErrorNode | undefined)?._errors?.[0];
    if (field !== "_errors" && m) return `${field}: ${m}`;
  }
  return "The input was not accepted";
}
