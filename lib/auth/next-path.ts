/** A same-site path to go to after signing in, or null: never another origin (`//host`, `https:`). */
export function safePath(next: unknown): string | null {
  return typeof next === "string" && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : null;
}

/** Where sign-in leads: `next` when it is a safe path, else the contacts. */
export const safeNext = (next: unknown): string => safePath(next) ?? "/contacts";
