"use client";

import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { deletePipelineAction } from "@/lib/pipelines/actions";
import { actionMessage } from "@/lib/action-result";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { ObjectType } from "./labels";

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
        const err = actionMessage(await del.executeAsync({ pipelineId }));
        if (err) {
          toast.error(err);
          return false;
        }
        toast.success(`Pipeline ${name} deleted`);
        router.push(`/settings/pipelines?type=${objectType}`);
        return true;
      }}
    />
  );
}
