// Building blocks for the URL states (nuqs parsers), shared by the server pages that read
// a URL and the client components that write one. Client-safe: "nuqs/server" holds only
// parsers, loaders and serializers (no hooks), for both sides.
import { createParser } from "nuqs/server";
import type { z } from "zod";

/** Free text such as a quick search: trimmed, at most `max` characters; absent or blank is "". */
export const parseAsText = (max: number) => createParser({ parse: (v) => v.trim().slice(0, max), serialize: (v: string) => v }).withDefault("");

/** A trimmed value, or absent when blank (it is then checked where it is used, e.g. a sort against the fields). */
export const parseAsTrimmed = createParser({ parse: (v) => v.trim() || null, serialize: (v: string) => v });

/** A value checked by a zod schema: one the schema refuses reads as absent (a hand-edited URL does not fail the page). */
export function parseAsZod<T extends string>(schema: z.ZodType<T, string>) {
  return createParser({ parse: (v) => schema.safeParse(v).data ?? null, serialize: (v: T) => v });
}
