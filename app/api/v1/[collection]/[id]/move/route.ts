import { apiRoute } from "@/lib/api/handler";
import { idParam, pipelineKindOf } from "@/lib/pipelines/api";
import { moveRecord } from "@/lib/pipelines/move-record";
import { moveSchema } from "@/lib/pipelines/schemas";
import { serializeRecord } from "@/lib/records/service";

export const dynamic = "force-dynamic";

/** Moves a deal, lead or ticket to another stage of its pipeline; moveRecord says why it refuses. */
export const POST = apiRoute<{ collection: string; id: string }>("records.move", async ({ ctx, params, body }) => {
  const { kind, singular } = pipelineKindOf(params.collection);
  const id = idParam(params.id, singular);
  const { record } = await moveRecord(ctx, kind, id, await body(moveSchema));
  return serializeRecord(record);
});
