"use client";

// The automation page's admin buttons: rotate the webhook's signing secret (the new one is
// shown once) and delete the automation with its log.
import { RefreshCw, Trash2 } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { deleteAutomationAction, rotateSecretAction } from "@/lib/automations/actions";
import { actionMessage } from "@/lib/action-result";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Modal } from "@/components/ui/dialog";
import { SecretOnce } from "./secret-once";
import { toastResult } from "@/components/ui/toast-result";

export function AutomationAdminActions({ id, name, isWebhook }: { id: string; name: string; isWebhook: boolean }) {
  const router = useRouter();
  const rotate = useAction(rotateSecretAction);
  const remove = useAction(deleteAutomationAction);
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <>
      {isWebhook ? (
        <ConfirmButton
          label={
            <>
              <RefreshCw className="size-4" aria-hidden /> Rotate secret
            </>
          }
          title={`Rotate the signing secret of ${name}?`}
          description="Deliveries are signed with the new secret from now on; receivers still using the old one will reject them until you update them."
          confirmLabel="Rotate secret"
          onConfirm={async () => {
            const r = await rotate.executeAsync({ automationId: id });
            const err = actionMessage(r);
            if (err) toast.error(err);
            else if (r.data) setSecret(r.data.webhookSecret);
            return !err;
          }}
        />
      ) : null}
      <ConfirmButton
        variant="danger"
        label={
          <>
            <Trash2 className="size-4" aria-hidden /> Delete
          </>
        }
        ariaLabel={`Delete automation ${name}`}
        title={`Delete the automation ${name}?`}
        description="It stops running at once, and its execution log is deleted with it. This cannot be undone; disable it instead to keep the log."
        confirmLabel="Delete automation"
        onConfirm={async () => {
          if (!toastResult(await remove.executeAsync({ automationId: id }), `Automation ${name} deleted`)) return false;
          router.push("/settings/automations");
          return true;
        }}
      />
      <Modal open={secret !== null} onOpenChange={(o) => !o && setSecret(null)} title="New signing secret">
        {secret ? <SecretOnce secret={secret} onDone={() => setSecret(null)} /> : null}
      </Modal>
    </>
  );
}
