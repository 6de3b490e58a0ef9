// The one way to read a server action's answer, on the client and in tests. The action
// client (lib/safe-action.ts) shapes every failure in one of two ways:
// - `validationErrors`: the input did not pass the action's zod schema (next-safe-action's
//   formatted tree: `{ _errors?, field: { _errors?, ... } }`), or held a NUL character;
// - `serverError`: an ActionError — an AppError as the REST API would answer it (code,
//   message, and its extensions: `errors` by field path, `allowedStageIds`, ...), or
//   "internal" with a reference for anything unexpected.
// Pure: no I/O, safe in client components.
import type { ErrorCode, ValidationIssue } from "@/lib/errors";

export interface ActionError {
  code: ErrorCode;
  message: string;
  /** Messages by field path (`name`, `customFields.tier`, `config.steps[0].url`). */
  errors?: ValidationIssue[];
  /** A refused stage move: where the record may go, and what it lacks. */
  allowedStageIds?: string[];
  missingFields?: string[];
  [extension: string]: unknown;
}

/** A next-safe-action result of any action built on lib/safe-action.ts. */
export type ActionResult<T = unknown> = { data?: T; serverError?: ActionError; validationErrors?: unknown } | undefined;

/** Why an action failed, in one shape: a message for an alert or toast, and messages by path. */
export interface ActionFailureInfo {
  code: ErrorCode;
  message: string;
  issues: ValidationIssue[];
  error?: ActionError;
}

const NO_ANSWER = "No answer from the server; try again.";
export const NOT_ACCEPTED = "The input was not accepted";

interface ErrorNode {
  _errors?: string[];
  [key: string]: unknown;
}

/** next-safe-action's formatted validation tree → `[{ path, message }]` with the REST API's paths (`tags[1]`, `a.b`). */
export function validationIssues(tree: unknown, prefix = ""): ValidationIssue[] {
  if (!tree || typeof tree !== "object") return [];
  const node = tree as ErrorNode;
  const out: ValidationIssue[] = (node._errors ?? []).map((message) => ({ path: prefix, message }));
  for (const [key, child] of Object.entries(node)) {
    if (key === "_errors") continue;
    const path = /^\d+$/.test(key) ? `${prefix}[${key}]` : prefix ? `${prefix}.${key}` : key;
    out.push(...validationIssues(child, path));
  }
  return out;
}

/** The failure of a result, or null when it succeeded. */
export function actionFailure(result: ActionResult): ActionFailureInfo | null {
  if (!result) return { code: "internal", message: NO_ANSWER, issues: [] };
  if (result.serverError) {
    const error = result.serverError;
    return { code: error.code, message: error.message, issues: error.errors ?? [], error };
  }
  if (result.validationErrors) {
    const issues = validationIssues(result.validationErrors);
    const first = issues.find((i) => !i.path) ?? issues[0];
    const message = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : NOT_ACCEPTED;
    return { code: "validation", message, issues };
  }
  return null;
}

/** The one message to show for a failed result (toast, alert); null on success. */
export function actionMessage(result: ActionResult): string | null {
  return actionFailure(result)?.message ?? null;
}

/** A failed action as a thrown error, for callers that work with promises (react-query, chains). */
export class ActionFailure extends Error {
  readonly code: ErrorCode;
  readonly issues: ValidationIssue[];
  readonly error?: ActionError;

  constructor(info: ActionFailureInfo) {
    super(info.message);
    this.name = "ActionFailure";
    this.code = info.code;
    this.issues = info.issues;
    this.error = info.error;
  }
}

/** The action's data, or an ActionFailure carrying the message to show. */
export async function actionData<T>(pending: Promise<ActionResult<T>> | ActionResult<T>): Promise<T> {
  const result = await pending;
  const failure = actionFailure(result);
  if (failure) throw new ActionFailure(failure);
  return result!.data as T;
}
