import "server-only";
import { uuidParam } from "@/lib/api/records-route";
import { AppError } from "@/lib/errors";

/** The contact id of /contacts/{id}/export|erase; other collections have no such route (404). */
export function contactParam(params: { collection: string; id: string }): string {
  if (params.collection !== "contacts") throw new AppError("not-found", "No such route: export and erase are for contacts");
  return uuidParam(params.id, { singular: "Contact" });
}
