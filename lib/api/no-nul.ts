// PostgreSQL cannot store U+0000 in text or jsonb: such a value used to fail in the
// database (a 500). Every input edge (apiRoute's body, query and path; the server-action
// client) checks the raw input once with this, instead of each zod schema.
import { validationError } from "@/lib/errors";

export const NUL_MESSAGE = "must not contain the NUL character (\\u0000)";

const NUL = "\u0000";
type Segment = string | number;

/** Segments as zodIssues writes them (`values.firstName`, `tags[2]`); a NUL in a key shown escaped. */
export function pathText(segments: readonly Segment[]): string {
  return segments.reduce<string>((acc, s) => {
    if (typeof s === "number") return `${acc}[${s}]`;
    const key = s.replaceAll(NUL, "\\u0000");
    return acc ? `${acc}.${key}` : key;
  }, "");
}

/**
 * The path to the first string (or object key) holding a NUL in a parsed input (JSON,
 * FormData, URLSearchParams); null when there is none. Iterative, so a deeply nested body
 * cannot overflow the stack.
 */
export function findNul(value: unknown): Segment[] | null {
  // each entry links to its parent's, so a path is built only for the hit (linear time)
  type Node = { seg: Segment; up: Node | null } | null;
  const pathOf = (node: Node): Segment[] => {
    const out: Segment[] = [];
    for (let n = node; n; n = n.up) out.push(n.seg);
    return out.reverse();
  };
  const stack: [unknown, Node][] = [[value, null]];
  while (stack.length) {
    const [v, node] = stack.pop()!;
    if (typeof v === "string") {
      if (v.includes(NUL)) return pathOf(node);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], { seg: i, up: node }]);
    } else if (v && typeof v === "object") {
      const entries = v instanceof FormData || v instanceof URLSearchParams ? [...v.entries()] : Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i]!;
        if (k.includes(NUL)) return pathOf({ seg: k, up: node });
        stack.push([child, { seg: k, up: node }]);
      }
    }
  }
  return null;
}

/** Throws the 422 validation error naming the field when the input holds a NUL anywhere. */
export function rejectNul(value: unknown): void {
  const path = findNul(value);
  if (path) throw validationError([{ path: pathText(path), message: NUL_MESSAGE }]);
}
