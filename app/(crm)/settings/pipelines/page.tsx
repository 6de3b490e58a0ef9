import type { Metadata } from "next";
import { CreatePipelineDialog } from "@/components/pipelines/create-pipeline-dialog";
import { OBJECT_TYPES } from "@/components/pipelines/labels";
import { ObjectTypeTabs } from "@/components/pipelines/object-type-tabs";
import { PipelineList } from "@/components/pipelines/pipeline-list";
import { BackToSettings } from "@/components/settings/back-link";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { listPipelines } from "@/lib/pipelines/queries";
import { objectTypeSchema } from "@/lib/pipelines/schemas";

export const metadata: Metadata = { title: "Pipelines" };

export default async function PipelinesSettingsPage({ searchParams }: { searchParams: Promise<{ type?: string }> }) {
  const s = await requirePageSession();
  const objectType = objectTypeSchema.catch("DEAL").parse((await searchParams).type);
  const canManage = can(s.role, "pipelines.manage");
  const pipelines = await listPipelines(s.ctx, objectType);
  const label = OBJECT_TYPES.find((t) => t.value === objectType)!;
  return (
    <>
      <BackToSettings />
      <PageHeader
        title="Pipelines"
        description={canManage ? "Stages, movement rules and required fields of each pipeline." : "The pipelines of this workspace. Only admins can change them."}
        actions={canManage ? <CreatePipelineDialog objectType={objectType} /> : null}
      />
      <ObjectTypeTabs current={objectType} />
      {pipelines.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">No {label.singular} pipelines yet.</p>
      ) : (
        <PipelineList
          objectType={objectType}
          canManage={canManage}
          pipelines={pipelines.map((p) => ({
            id: p.id,
            name: p.name,
            pipelineKey: p.pipelineKey,
            movementMode: p.movementMode,
            isActive: p.isActive,
            isDefault: p.isDefault,
            stageCount: p.stages.length,
          }))}
        />
      )}
    </>
  );
}
