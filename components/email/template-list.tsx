"use client";
// Settings → Email templates: each template with its subject and the start of its body.
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { actionMessage } from "@/lib/action-result";
import { deleteTemplateAction } from "@/lib/email/actions";
import type { TemplateView } from "@/lib/email/templates";
import { TemplateDialog } from "./template-dialog";

export function TemplateList({ templates, canManage }: { templates: TemplateView[]; canManage: boolean }) {
  const router = useRouter();
  if (!templates.length) return <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">No email templates yet.{canManage ? " Create one to reuse an email from any record." : ""}</p>;
  return (
    <ul className="space-y-3">
      {templates.map((t) => (
        <li key={t.id} className="space-y-1 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby={`template-${t.id}`}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id={`template-${t.id}`} className="font-medium text-slate-900">
              {t.name}
            </h2>
            {canManage ? (
              <div className="flex gap-2">
                <TemplateDialog template={t} />
                <ConfirmButton
                  label="Delete"
                  ariaLabel={`Delete template ${t.name}`}
                  title={`Delete ${t.name}?`}
                  description="Emails already sent from it stay on their timelines."
                  confirmLabel="Delete template"
                  variant="danger"
                  onConfirm={async () => {
                    const failure = actionMessage(await deleteTemplateAction({ id: t.id }));
                    if (failure) {
                      toast.error(failure);
                      return false;
                    }
                    router.refresh();
                    return true;
                  }}
                />
              </div>
            ) : null}
          </div>
          <p className="text-sm text-slate-700">
            <span className="font-medium">Subject:</span> {t.subject}
          </p>
          <p className="line-clamp-3 whitespace-pre-line text-sm text-slate-600">{t.body}</p>
        </li>
      ))}
    </ul>
  );
}
