import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { idParam } from "@/lib/pipelines/api";
import { deletePipeline, updatePipeline } from "@/lib/pipelines/pipeline-service";
import { getPipeline } from "@/lib/pipelines/queries";
import { pipelineUpdateSchema } from "@/lib/pipelines/schemas";

export const dynamic = "force-dynamic";

type P = { id: string };

export const GET = apiRoute<P>("pipelines.read", async ({ ctx, params }) => getPipeline(ctx, idParam(params.id, "Pipeline")));

export const PATCH = apiRoute<P>("pipelines.manage", async ({ ctx, params, body }) => updatePipeline(ctx, idParam(params.id, "Pipeline"), await body(pipelineUpdateSchema)));

export const DELETE = apiRoute<P>("pipelines.manage", async ({ ctx, params }) => {
  await deletePipeline(ctx, idParam(params.id, "Pipeline"));
  return new NextResponse(null, { status: 204 });
});
