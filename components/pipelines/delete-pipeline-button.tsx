"use client";

import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { deletePipelineAction } from "@/lib/pipelines/actions";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { ObjectType } from "./labels";
import { toastResult } from "@/components/ui/toast-result";

export function DeletePipelineButton({ pipelineId, name, objectType }: { pipelineId: string; name: string; objectType: ObjectType }) {
  const del = useAction(deletePipelineAction);
  const router = useRouter();
  return (
    <ConfirmButton
      label="Delete pipeline"
      ariaLabel={`Delete pipeline ${name}`}
      title={`Delete the pipeline ${name}?`}
      description="Its stages and the automations scoped to them go with it. A pipeline that records still use cannot be deleted."
      confirmLabel="Delete pipeline"
      variant="danger"
      onConfirm={async () => {
        if (!toastResult(await del.executeAsync({ pipelineId }), `Pipeline ${name} deleted`)) return false;
        router.push(`/settings/pipelines?type=${objectType}`);
        return true;
      }}
    />
  );
}
