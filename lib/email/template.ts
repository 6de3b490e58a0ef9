// Email templates: `{{contact.firstName}}` takes a value from the record, `{{contact.firstName | there}}`
// falls back to "there" when the value is missing or blank. Pure (no I/O).

export type TemplateValue = string | number | null | undefined;
/** The values a template may use, by object: { contact: { firstName: "Ada" }, deal: { amount: "€12,500.00" } }. */
export type TemplateVariables = Record<string, Record<string, TemplateValue> | undefined>;

export interface Rendered {
  text: string;
  /** Variables that had no value and no fallback (rendered as nothing). */
  missing: string[];
}

const PLACEHOLDER = /\{\{\s*([A-Za-z][\w]*(?:\.[A-Za-z][\w]*)*)\s*(?:\|\s*([^}]*?)\s*)?\}\}/g;

function lookup(vars: TemplateVariables, path: string): string | null {
  const [object, ...rest] = path.split(".");
  if (!object || rest.length !== 1) return null;
  const value = vars[object]?.[rest[0]!];
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === "" ? null : text;
}

export function renderTemplate(template: string, vars: TemplateVariables): Rendered {
  const missing = new Set<string>();
  const text = template.replace(PLACEHOLDER, (_all, path: string, fallback: string | undefined) => {
    const value = lookup(vars, path);
    if (value !== null) return value;
    if (fallback !== undefined) return fallback;
    missing.add(path);
    return "";
  });
  return { text, missing: [...missing] };
}

/** The variables a template names, in order of first use (for the template editor's hint). */
export function templateVariables(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}
