import "server-only";
import { uuidParam } from "@/lib/api/records-route";
import { AppError } from "@/lib/errors";
import { kindOfCollection } from "@/lib/records/registry";
import { MERGE_KINDS, type MergeKind } from "./rules";

/** The kind and id of /{contacts|companies|leads}/{id}/merge…; other collections have no such route (404). */
export function mergeParams(params: { collection: string; id: string }): { kind: MergeKind; singular: string; id: string } {
  const def = kindOfCollection(params.collection);
  if (!def || !(MERGE_KINDS as readonly string[]).includes(def.kind)) throw new AppError("not-found", "No such route: contacts, companies and leads merge");
  return { kind: def.kind as MergeKind, singular: def.singular, id: uuidParam(params.id, def) };
}
