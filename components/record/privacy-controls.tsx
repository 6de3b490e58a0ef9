"use client";

// A contact's privacy controls: download everything stored about them (GET
// /api/v1/contacts/{id}/export) and, for admins, erase their personal data.
import { Download, ShieldOff } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { linkButton } from "@/components/automations/shared";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { actionMessage } from "@/lib/action-result";
import { eraseContactAction } from "@/lib/privacy/actions";

export function PrivacyControls({ id, title, canErase, erased }: { id: string; title: string; canErase: boolean; erased: boolean }) {
  const router = useRouter();
  return (
    <>
      <a href={`/api/v1/contacts/${id}/export`} download={`contact-${id}.json`} className={linkButton("secondary")}>
        <Download className="size-4" aria-hidden /> Export personal data
      </a>
      {canErase && !erased ? (
        <ConfirmButton
          label={
            <>
              <ShieldOff className="size-4" aria-hidden /> Erase
            </>
          }
          ariaLabel={`Erase contact ${title}`}
          title={`Erase ${title}?`}
          description="Their name, email, phone and other personal fields become “erased”, their activities lose their text, and past values are scrubbed from the history. Their email can no longer be used for a new contact. This cannot be undone."
          confirmLabel="Erase personal data"
          variant="danger"
          onConfirm={async () => {
            const failure = actionMessage(await eraseContactAction({ id }));
            if (failure) {
              toast.error(failure);
              return false;
            }
            toast.success("The contact's personal data was erased");
            router.refresh();
            return true;
          }}
        />
      ) : null}
    </>
  );
}
