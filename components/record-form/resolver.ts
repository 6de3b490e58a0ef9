// react-hook-form validation with the API's zod schema: the form's text values are turned
// into API input (toApiInput) and checked by the same schema the server uses.
import type { FieldErrors, Resolver } from "react-hook-form";
import type { RecordKind } from "@/lib/records/registry";
import { formSchema, toApiInput, type FieldDef, type FormValues } from "./fields";

export function recordResolver(kind: RecordKind, fields: FieldDef[]): Resolver<FormValues> {
  const schema = formSchema(kind, fields);
  return async (values) => {
    const r = schema.safeParse(toApiInput(values, fields));
    if (r.success) return { values, errors: {} };
    const errors: FieldErrors<FormValues> = {};
    for (const issue of r.error.issues) {
      const name = String(issue.path[0] ?? "root");
      if (!errors[name]) errors[name] = { type: issue.code, message: issue.message };
    }
    return { values: {}, errors };
  };
}
