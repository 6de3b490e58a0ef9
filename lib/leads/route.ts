import "server-only";
import { uuidParam } from "@/lib/api/records-route";
import { AppError } from "@/lib/errors";
import { RECORD_KINDS } from "@/lib/records/registry";

/** The lead id of /leads/{id}/convert|disqualify; other collections have no such route (404). */
export function leadParam(params: { collection: string; id: string }): string {
  if (params.collection !== "leads") throw new AppError("not-found", "No such route: convert and disqualify are for leads");
  return uuidParam(params.id, RECORD_KINDS.LEAD);
}
