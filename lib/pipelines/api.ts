// Small helpers shared by the pipeline route handlers (app/api/v1/pipelines/**, move, stage-history).
import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { kindOfCollection } from "@/lib/records/registry";
import { isUuid } from "@/lib/uuid";
import type { PipelineKind } from "./move-record";
import type { TimelineEntry } from "./queries";
import { objectTypeSchema } from "./schemas";

/** deals | leads | tickets → their kind; any other collection has no stages (404). */
export function pipelineKindOf(collection: string): { kind: PipelineKind; singular: string } {
  const def = kindOfCollection(collection);
  if (!def?.pipelineObjectType) throw new AppError("not-found", `No collection named ${collection} with pipeline stages`);
  return { kind: def.kind as PipelineKind, singular: def.singular };
}

/** A malformed id cannot name anything of this tenant: 404 like an unknown one. */
export function idParam(id: string, what: string): string {
  if (!isUuid(id)) throw new AppError("not-found", `${what} not found`);
  return id;
}

export const listQuerySchema = z.object({ objectType: objectTypeSchema.optional() });

/** The stage-history entry of API.md (durations stay internal to the timeline view). */
export function historyJson(e: TimelineEntry) {
  return {
    id: e.id,
    pipelineId: e.pipelineId,
    fromStageId: e.fromStageId,
    toStageId: e.toStageId,
    changedAt: e.changedAt,
    changedByUserId: e.changedByUserId,
    source: e.source,
    isOverride: e.isOverride,
    overrideReason: e.overrideReason,
    reason: e.reason,
  };
}
