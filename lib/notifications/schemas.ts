// zod schemas for notifications, shared by the server actions, the REST API and OpenAPI.
import { z } from "zod";

export const markReadSchema = z
  .union([
    z.object({ ids: z.array(z.uuid({ message: "must be a notification id" })).min(1, "must not be empty").max(500) }).strict(),
    z.object({ all: z.literal(true) }).strict(),
  ])
  .meta({ id: "MarkNotificationsRead", description: "`{ ids: [...] }` marks those; `{ all: true }` marks every unread one" });
export type MarkReadInput = z.input<typeof markReadSchema>;
