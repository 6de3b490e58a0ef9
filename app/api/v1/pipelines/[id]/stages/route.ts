import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { idParam } from "@/lib/pipelines/api";
import { stageCreateSchema } from "@/lib/pipelines/schemas";
import { addStage } from "@/lib/pipelines/stage-service";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>("pipelines.manage", async ({ ctx, params, body }) => {
  const stage = await addStage(ctx, idParam(params.id, "Pipeline"), await body(stageCreateSchema));
  return NextResponse.json(stage, { status: 201 });
});
