import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { idParam } from "@/lib/pipelines/api";
import { stagePatchSchema } from "@/lib/pipelines/schemas";
import { deleteStage, updateStage } from "@/lib/pipelines/stage-service";

export const dynamic = "force-dynamic";

type P = { id: string; stageId: string };

export const PATCH = apiRoute<P>("pipelines.manage", async ({ ctx, params, body }) =>
  updateStage(ctx, idParam(params.id, "Pipeline"), idParam(params.stageId, "Stage"), await body(stagePatchSchema)),
);

export const DELETE = apiRoute<P>("pipelines.manage", async ({ ctx, params }) => {
  await deleteStage(ctx, idParam(params.id, "Pipeline"), idParam(params.stageId, "Stage"));
  return new NextResponse(null, { status: 204 });
});
