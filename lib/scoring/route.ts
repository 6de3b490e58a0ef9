import "server-only";
import { uuidParam } from "@/lib/api/records-route";
import { AppError } from "@/lib/errors";

/** The lead id of /leads/{id}/score and /leads/{id}/assignments; other collections have no such route (404). */
export function leadParam(params: { collection: string; id: string }): string {
  if (params.collection !== "leads") throw new AppError("not-found", "No such route: score and assignments are for leads");
  return uuidParam(params.id, { singular: "Lead" });
}
