"use client";
// The one way a react-hook-form form runs a server action: next-safe-action's useAction,
// and every refusal (lib/action-result.ts reads it) put where the user looks — each
// message under its field, the rest in `errors.root.server` (the form's alert).
import { isNavigationError } from "next-safe-action";
import { useAction, type SingleInputActionFn } from "next-safe-action/hooks";
import { useCallback } from "react";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { actionFailure, type ActionError, type ActionFailureInfo, type ActionResult } from "@/lib/action-result";

/**
 * Where an error path (`name`, `customFields.tier`, `steps[0].url`) lands in the form:
 * a list of the form's field names (matched on the path's first segment), or a function
 * (null: not a field, the message goes to the alert). Default: the first segment, when it
 * is one of the form's values.
 */
export type FieldPlacement = readonly string[] | ((path: string) => string | null);

type FormLike<F extends FieldValues> = { setError: UseFormSetError<F>; getValues: () => F };

const firstSegment = (path: string) => path.split(/[.[]/)[0] || null;

function placer(place: FieldPlacement): (path: string) => string | null {
  if (typeof place === "function") return place;
  return (path) => {
    const field = firstSegment(path);
    return field && place.includes(field) ? field : null;
  };
}

/** Puts a failure on a form: messages under their fields, and the failure's message in `root.server` when none found a field. */
export function showActionFailure<F extends FieldValues>(failure: ActionFailureInfo, form: FormLike<F>, place?: FieldPlacement): void {
  const { setError } = form;
  const target = placer(place ?? Object.keys(form.getValues() ?? {}));
  const placed = new Set<string>();
  for (const { path, message } of failure.issues) {
    const field = path ? target(path) : null;
    if (!field || placed.has(field)) continue;
    setError(field as Path<F>, { type: "server", message });
    placed.add(field);
  }
  const rootMessage = failure.issues.find((i) => !i.path)?.message;
  if (placed.size === 0 || rootMessage) setError("root.server" as Path<F>, { type: "server", message: rootMessage ?? failure.message });
}

export type RunOutcome<Data> = { ok: true; data: Data } | { ok: false; failure: ActionFailureInfo };

/**
 * `run(input)` executes the action: `{ ok: true, data }`, or `{ ok: false }` after putting
 * the refusal on the form (`onFailure` sees it too, e.g. for a refused move's allowed stages).
 */
export function useFormAction<Input, Data, F extends FieldValues>(
  action: (input: Input) => Promise<ActionResult<Data>>,
  form: FormLike<F>,
  options: { place?: FieldPlacement; onFailure?: (failure: ActionFailureInfo) => void } = {},
) {
  // useAction's own generics follow the action's schema; this hook only needs input → result.
  const { executeAsync, isPending } = useAction(action as unknown as SingleInputActionFn<ActionError, undefined, unknown, Data>);
  const { place, onFailure } = options;
  const run = useCallback(
    async (input: Input): Promise<RunOutcome<Data>> => {
      let result: ActionResult<Data>;
      try {
        result = await (executeAsync as unknown as (i: Input) => Promise<ActionResult<Data>>)(input);
      } catch (err) {
        // a redirect or notFound is Next's to follow; anything else is a request that got no answer
        if (isNavigationError(err)) throw err;
        result = undefined;
      }
      const failure = actionFailure(result);
      if (!failure) return { ok: true, data: result?.data as Data };
      showActionFailure(failure, form, place);
      onFailure?.(failure);
      return { ok: false, failure };
    },
    [executeAsync, form, place, onFailure],
  );
  return { run, isPending };
}
