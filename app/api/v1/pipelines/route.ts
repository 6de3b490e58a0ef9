import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/query";
import { listQuerySchema } from "@/lib/pipelines/api";
import { createPipeline } from "@/lib/pipelines/pipeline-service";
import { listPipelines } from "@/lib/pipelines/queries";
import { pipelineCreateSchema } from "@/lib/pipelines/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute("pipelines.read", async ({ ctx, query }) => {
  const { objectType } = parseQuery(listQuerySchema, query);
  return { data: await listPipelines(ctx, objectType), nextCursor: null };
});

export const POST = apiRoute("pipelines.manage", async ({ ctx, body }) => {
  const pipeline = await createPipeline(ctx, await body(pipelineCreateSchema));
  return NextResponse.json(pipeline, { status: 201 });
});
