// What an id looks like, in one place: a UUID as z.uuid() reads it (RFC 9562, any version,
// and the nil and max UUIDs), the same rule the zod input schemas apply. Services check it
// before a query so that a malformed id is a 404, not a Postgres cast error.
import { z } from "zod";

const uuid = z.uuid();

export function isUuid(value: unknown): boolean {
  return uuid.safeParse(value).success;
}
