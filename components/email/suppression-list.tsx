"use client";

import { useAction } from "next-safe-action/hooks";
import { zodResolver } from "@hookform/resolvers/zod";
import { Plus } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { DateTime } from "@/components/ui/date-time";
import { TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { toastResult } from "@/components/ui/toast-result";
import { useFormAction } from "@/components/ui/use-form-action";
import { removeSuppressionAction, suppressAddressAction } from "@/lib/email/actions";
import { suppressInputSchema, type SuppressionEntry } from "@/lib/email/suppression-schemas";

const REASONS = { UNSUBSCRIBED: "Unsubscribed", BOUNCED: "Bounced", COMPLAINED: "Complained", ERASED: "Erased (privacy)" } as const;

type Form = z.input<typeof suppressInputSchema>;

/** Adds an address by hand (admins): it gets no campaign or sequence email from then on. */
export function SuppressAddressDialog() {
  const [open, setOpen] = useState(false);
  const defaults: Form = { email: "", reason: "COMPLAINED", detail: "" };
  const form = useForm<Form>({ resolver: zodResolver(suppressInputSchema), defaultValues: defaults });
  const add = useFormAction(suppressAddressAction, form);
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (v) => {
    const r = await add.run({ email: v.email, reason: v.reason, detail: v.detail?.trim() ? v.detail.trim() : undefined });
    if (!r.ok) return;
    toast.success(r.data?.added ? `${v.email.trim().toLowerCase()} is suppressed` : `${v.email.trim().toLowerCase()} was already suppressed for that reason`);
    setOpen(false);
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) form.reset(defaults);
      }}
      title="Suppress an address"
      description="It gets no campaign or sequence email from now on, and its sequences stop."
      trigger={
        <Button>
          <Plus className="size-4" aria-hidden /> Add address
        </Button>
      }
      onSubmit={onSubmit}
      pending={isSubmitting}
      error={errors.root?.server?.message}
      submitLabel="Suppress"
      pendingLabel="Saving…"
    >
      <TextField label="Email address" type="email" autoComplete="off" {...form.register("email")} error={errors.email?.message} />
      <SelectField
        label="Reason"
        options={(["COMPLAINED", "UNSUBSCRIBED", "BOUNCED"] as const).map((value) => ({ value, label: REASONS[value] }))}
        {...form.register("reason")}
        error={errors.reason?.message}
      />
      <TextField label="Note (optional)" autoComplete="off" maxLength={500} {...form.register("detail")} error={errors.detail?.message} />
    </FormDialog>
  );
}

/** The suppression list's page of entries; admins may take an entry off (an erased person's never). */
export function SuppressionTable({ entries, canManage, searched }: { entries: SuppressionEntry[]; canManage: boolean; searched: boolean }) {
  const remove = useAction(removeSuppressionAction);
  if (entries.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
        {searched
          ? "No suppressed address contains that."
          : "No suppressed addresses yet. Addresses land here when someone unsubscribes from a campaign or sequence email, when an email to them bounces or is reported as spam, when a contact is erased for privacy, or when an admin adds one by hand."}
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-sm">
        <caption className="sr-only">Suppressed addresses</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2">Address</th>
            <th scope="col" className="px-4 py-2">Reason</th>
            <th scope="col" className="px-4 py-2">Note</th>
            <th scope="col" className="px-4 py-2">Since</th>
            {canManage ? <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((e) => {
            const address = e.email ?? "Erased contact";
            return (
              <tr key={e.id}>
                <th scope="row" className="px-4 py-2 text-left font-normal">
                  {e.email ?? <span className="italic text-slate-500">{address}</span>}
                </th>
                <td className="px-4 py-2 text-slate-700">{REASONS[e.reason]}</td>
                <td className="px-4 py-2 text-slate-600">{e.detail ?? "—"}</td>
                <td className="px-4 py-2 text-slate-600">
                  <DateTime value={e.createdAt} />
                </td>
                {canManage ? (
                  <td className="px-4 py-2 text-right">
                    {e.removable ? (
                      <ConfirmButton
                        label="Remove"
                        ariaLabel={`Remove ${address} from the suppression list`}
                        title={`Remove ${address}?`}
                        description="Campaigns and sequences may email this address again. Remove it only when the person asked to hear from you again or the address works again."
                        confirmLabel="Remove from list"
                        onConfirm={async () => toastResult(await remove.executeAsync({ id: e.id }), `${address} removed from the suppression list`)}
                      />
                    ) : (
                      <span className="text-xs text-slate-500">Kept forever</span>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
