import { apiRoute } from "@/lib/api/handler";
import { historyJson, idParam, pipelineKindOf } from "@/lib/pipelines/api";
import { recordStageTimeline } from "@/lib/pipelines/queries";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ collection: string; id: string }>("records.read", async ({ ctx, params }) => {
  const { kind, singular } = pipelineKindOf(params.collection);
  const rows = await recordStageTimeline(ctx, kind, idParam(params.id, singular));
  return { data: rows.map(historyJson) };
});
