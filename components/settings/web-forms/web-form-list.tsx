"use client";

// Settings → Web forms: each form with its public URL, its HTML snippet, on/off and delete.
import { ExternalLink } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { actionMessage } from "@/lib/action-result";
import { deleteWebFormAction, updateWebFormAction } from "@/lib/leads/web-form-actions";
import { WEB_FORM_FIELDS, type WebFormField } from "@/lib/leads/web-form-schemas";
import type { WebFormJson } from "@/lib/leads/web-forms";

type Row = WebFormJson & { publicUrl: string; snippet: string };

export function WebFormList({ forms }: { forms: Row[] }) {
  const router = useRouter();
  if (!forms.length) return <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">No web forms yet. Create one to collect leads from your website.</p>;
  const toggle = async (f: Row) => {
    const failure = actionMessage(await updateWebFormAction({ id: f.id, patch: { enabled: !f.enabled } }));
    if (failure) toast.error(failure);
    else toast.success(`${f.name} ${f.enabled ? "turned off" : "turned on"}`);
    router.refresh();
  };
  return (
    <ul className="space-y-4">
      {forms.map((f) => (
        <li key={f.id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby={`web-form-${f.id}`}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id={`web-form-${f.id}`} className="font-medium text-slate-900">
              {f.name} {f.enabled ? <Badge tone="green">On</Badge> : <Badge>Off</Badge>}
            </h2>
            <div className="flex gap-2">
              <Button variant="secondary" onClick={() => void toggle(f)} aria-label={`${f.enabled ? "Turn off" : "Turn on"} ${f.name}`}>
                {f.enabled ? "Turn off" : "Turn on"}
              </Button>
              <ConfirmButton
                label="Delete"
                ariaLabel={`Delete web form ${f.name}`}
                title={`Delete ${f.name}?`}
                description="Its public URL stops working at once; the leads it made stay."
                confirmLabel="Delete web form"
                variant="danger"
                onConfirm={async () => {
                  const failure = actionMessage(await deleteWebFormAction({ id: f.id }));
                  if (failure) {
                    toast.error(failure);
                    return false;
                  }
                  router.refresh();
                  return true;
                }}
              />
            </div>
          </div>
          <p className="text-sm text-slate-600">Asks: {f.fields.map((x) => WEB_FORM_FIELDS[x as WebFormField]?.label ?? x).join(", ")}</p>
          <p className="text-sm">
            <span className="font-medium">Public URL: </span>
            <a href={f.publicUrl} className="inline-flex items-center gap-1 break-all text-brand-700 underline" target="_blank" rel="noreferrer">
              {f.publicUrl} <ExternalLink className="size-3" aria-hidden />
            </a>
          </p>
          <details>
            <summary className="cursor-pointer text-sm font-medium text-slate-700">HTML snippet for your website</summary>
            <CodeBlock className="mt-2 max-h-72 p-3">
              {f.snippet}
            </CodeBlock>
          </details>
        </li>
      ))}
    </ul>
  );
}
