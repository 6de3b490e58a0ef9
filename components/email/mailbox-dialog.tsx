"use client";
// Connect a mailbox (Settings → Email): SMTP to send, IMAP (optional) to sync incoming mail (lib/email/sync.ts).
// The password goes to the server once and is never shown again; after saving, the
// connection is checked at once so a wrong password or host shows straight away.
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { actionMessage } from "@/lib/action-result";
import { checkMailboxAction, createMailboxAction } from "@/lib/email/actions";

const SECURITY = [
  { value: "STARTTLS", label: "STARTTLS (usually port 587 / 143)" },
  { value: "TLS", label: "TLS (usually port 465 / 993)" },
  { value: "NONE", label: "None (local relay only)" },
] as const;

interface Form {
  emailAddress: string;
  displayName: string;
  shared: boolean;
  smtpHost: string;
  smtpPort: string;
  smtpSecurity: "TLS" | "STARTTLS" | "NONE";
  smtpUsername: string;
  smtpPassword: string;
  imapHost: string;
  imapPort: string;
  imapSecurity: "TLS" | "STARTTLS" | "NONE";
  imapUsername: string;
  imapPassword: string;
}

const DEFAULTS: Form = {
  emailAddress: "", displayName: "", shared: false, smtpHost: "", smtpPort: "587", smtpSecurity: "STARTTLS", smtpUsername: "", smtpPassword: "",
  imapHost: "", imapPort: "993", imapSecurity: "TLS", imapUsername: "", imapPassword: "",
};

export function MailboxDialog({ canShare }: { canShare: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useForm<Form>({ defaultValues: DEFAULTS });
  const action = useFormAction(createMailboxAction, form);
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (v) => {
    const r = await action.run({
      emailAddress: v.emailAddress,
      displayName: v.displayName || undefined,
      shared: v.shared,
      smtpHost: v.smtpHost,
      smtpPort: Number(v.smtpPort),
      smtpSecurity: v.smtpSecurity,
      smtpUsername: v.smtpUsername || v.emailAddress,
      smtpPassword: v.smtpPassword,
      ...(v.imapHost.trim()
        ? { imapHost: v.imapHost, imapPort: Number(v.imapPort), imapSecurity: v.imapSecurity, imapUsername: v.imapUsername || undefined, imapPassword: v.imapPassword || undefined }
        : {}),
    });
    if (!r.ok) return;
    setOpen(false);
    form.reset(DEFAULTS);
    const check = await checkMailboxAction({ id: r.data.id, sendTest: false });
    const failure = actionMessage(check);
    if (failure) toast.error(failure);
    else if (check?.data?.ok) toast.success(`${v.emailAddress} connected: the SMTP server accepted the login`);
    else toast.error(`${v.emailAddress} saved, but the connection check failed: ${check?.data?.error ?? "unknown error"}`);
    router.refresh();
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) form.reset(DEFAULTS);
      }}
      title="Connect a mailbox"
      description="Stageline sends your emails through your provider's SMTP server. Use an app password where your provider offers one; it is stored encrypted and never shown again."
      trigger={
        <Button>
          <Plus className="size-4" aria-hidden /> Connect a mailbox
        </Button>
      }
      onSubmit={onSubmit}
      pending={isSubmitting}
      error={errors.root?.server?.message}
      submitLabel="Connect mailbox"
      pendingLabel="Connecting…"
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Email address" type="email" autoComplete="off" {...form.register("emailAddress", { required: "is required" })} error={errors.emailAddress?.message} />
        <TextField label="Display name (optional)" autoComplete="off" {...form.register("displayName")} error={errors.displayName?.message} />
      </div>
      {canShare ? (
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" {...form.register("shared")} /> Shared mailbox (everyone in the workspace may send through it)
        </label>
      ) : null}
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-700">Sending (SMTP)</legend>
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField label="SMTP host" placeholder="smtp.example.com" autoComplete="off" {...form.register("smtpHost", { required: "is required" })} error={errors.smtpHost?.message} />
          <TextField label="SMTP port" inputMode="numeric" {...form.register("smtpPort")} error={errors.smtpPort?.message} />
          <SelectField label="SMTP security" options={SECURITY} {...form.register("smtpSecurity")} error={errors.smtpSecurity?.message} />
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label="SMTP username" placeholder="Usually the email address" autoComplete="off" {...form.register("smtpUsername")} error={errors.smtpUsername?.message} />
          <TextField label="SMTP app password" type="password" autoComplete="new-password" {...form.register("smtpPassword", { required: "is required" })} error={errors.smtpPassword?.message} />
        </div>
      </fieldset>
      <details className="rounded-md border border-slate-200 p-3">
        <summary className="cursor-pointer text-sm font-medium text-slate-700">Receiving (IMAP, optional)</summary>
        <div className="mt-3 grid gap-3 sm:grid-cols-3">
          <TextField label="IMAP host" placeholder="imap.example.com" autoComplete="off" {...form.register("imapHost")} error={errors.imapHost?.message} />
          <TextField label="IMAP port" inputMode="numeric" {...form.register("imapPort")} error={errors.imapPort?.message} />
          <SelectField label="IMAP security" options={SECURITY} {...form.register("imapSecurity")} error={errors.imapSecurity?.message} />
        </div>
        <div className="mt-3 grid gap-3 sm:grid-cols-2">
          <TextField label="IMAP username" placeholder="Same as SMTP when blank" autoComplete="off" {...form.register("imapUsername")} error={errors.imapUsername?.message} />
          <TextField label="IMAP app password" type="password" placeholder="Same as SMTP when blank" autoComplete="new-password" {...form.register("imapPassword")} error={errors.imapPassword?.message} />
        </div>
        <p className="mt-2 text-xs text-slate-500">With IMAP, mail to and from your contacts (INBOX and Sent) is logged on their timelines: the last 30 days first, then new mail every minute.</p>
      </details>
    </FormDialog>
  );
}
