// react-hook-form validation with the backend's zod schema: the form's values become API
// input (toInput) and are checked by the same schema the server action and REST route use;
// each issue lands on the field that shows it (formPath).
import { toNestErrors } from "@hookform/resolvers";
import type { FieldError, FieldErrors, Resolver } from "react-hook-form";
import type { z } from "zod";
import { formPath, toInput, type FormValues } from "./form-values";

export function automationResolver(schema: z.ZodType): Resolver<FormValues> {
  return async (values, _context, options) => {
    const r = schema.safeParse(toInput(values));
    if (r.success) return { values, errors: {} };
    const flat: Record<string, FieldError> = {};
    for (const issue of r.error.issues) {
      const name = formPath(issue.path.join("."), values.actionType);
      flat[name] ??= { type: "validation", message: issue.message };
    }
    return { values: {}, errors: toNestErrors(flat as FieldErrors, options) };
  };
}
