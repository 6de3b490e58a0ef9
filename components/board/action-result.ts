// next-safe-action results as the board uses them.
export type ActionResult<T> = { data?: T; serverError?: string; validationErrors?: unknown } | undefined;

interface ErrorNode {
  _errors?: string[];
  [field: string]: unknown;
}

/** The message of a failed result (server error or the first validation message); null on success. */
export function actionMessage(result: ActionResult<unknown>): string | null {
  if (!result) return "No answer from the server; try again.";
  if (result.serverError) return result.serverError;
  const ve = result.validationErrors as ErrorNode | undefined;
  if (!ve) return null;
  if (ve._errors?.[0]) return ve._errors[0];
  for (const [field, node] of Object.entries(ve)) {
    const m = (node as ErrorNode | undefined)?._errors?.[0];
    if (field !== "_errors" && m) return `${field}: ${m}`;
  }
  return "The input was not accepted";
}
