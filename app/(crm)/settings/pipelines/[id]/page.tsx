import { ChevronLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeletePipelineButton } from "@/components/pipelines/delete-pipeline-button";
import { OBJECT_TYPES } from "@/components/pipelines/labels";
import { PipelineSettingsForm } from "@/components/pipelines/pipeline-settings-form";
import { StageList } from "@/components/pipelines/stage-list";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { requiredFieldOptions } from "@/lib/pipelines/fields";
import { getPipeline, stageRecordCounts, type PipelineJson } from "@/lib/pipelines/queries";

export const metadata: Metadata = { title: "Pipeline" };

export default async function PipelineEditorPage({ params }: { params: Promise<{ id: string }> }) {
  const s = await requirePageSession();
  const { id } = await params;
  let pipeline: PipelineJson;
  try {
    pipeline = await getPipeline(s.ctx, id);
  } catch (err) {
    if (err instanceof AppError && err.code === "not-found") notFound();
    throw err;
  }
  const [fields, counts] = await Promise.all([requiredFieldOptions(s.ctx, pipeline.objectType), stageRecordCounts(s.ctx, pipeline.id, pipeline.objectType)]);
  const canManage = can(s.role, "pipelines.manage");
  const type = OBJECT_TYPES.find((t) => t.value === pipeline.objectType)!;
  return (
    <>
      <Link href={`/settings/pipelines?type=${pipeline.objectType}`} className="mb-2 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-brand-700">
        <ChevronLeft className="size-4" aria-hidden /> {type.label} pipelines
      </Link>
      <PageHeader
        title={pipeline.name}
        description={canManage ? `A ${type.singular} pipeline. Drag stages by their handle, or focus the handle and use Space and the arrow keys.` : `A ${type.singular} pipeline. Only admins can change it.`}
        actions={
          <>
            {pipeline.isDefault ? <Badge tone="brand">Default</Badge> : null}
            {pipeline.isActive ? <Badge tone="green">Active</Badge> : <Badge>Inactive</Badge>}
            {canManage && !pipeline.isDefault ? <DeletePipelineButton pipelineId={pipeline.id} name={pipeline.name} objectType={pipeline.objectType} /> : null}
          </>
        }
      />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <PipelineSettingsForm pipeline={pipeline} canManage={canManage} />
        <StageList pipelineId={pipeline.id} stages={pipeline.stages} fieldOptions={fields} recordCounts={counts} canManage={canManage} />
      </div>
    </>
  );
}
