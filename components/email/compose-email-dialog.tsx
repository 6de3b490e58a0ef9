"use client";
// Compose an email on a record page: from one of the user's mailboxes, optionally from a
// template (previewed with the record's values), tracked when asked. The worker sends it;
// the timeline shows it at once as queued, then sent (or failed, with the reason).
import { useQueryClient } from "@tanstack/react-query";
import { Mail } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { timelineKey } from "@/components/timeline/timeline";
import { Button } from "@/components/ui/button";
import { TextareaField, TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { sendEmailAction } from "@/lib/email/actions";
import type { ComposeData } from "@/lib/email/compose-data";
import { renderTemplate } from "@/lib/email/template";
import { formatDateTime } from "@/lib/format/dates";

type Kind = "CONTACT" | "LEAD" | "DEAL";

/** A "Send at" time must be ahead (the server also refuses nothing earlier: it just sends at once). */
const inFuture = (x: string) => (x && new Date(x).getTime() > Date.now() ? true : "must be in the future");

interface Form {
  mailboxId: string;
  templateId: string;
  to: string;
  cc: string;
  subject: string;
  body: string;
  track: boolean;
  later: boolean;
  sendAt: string;
}

export function ComposeEmailDialog({ kind, recordId, data }: { kind: Kind; recordId: string; data: ComposeData }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const defaults: Form = { mailboxId: data.mailboxes[0]?.id ?? "", templateId: "", to: data.defaultTo ?? "", cc: "", subject: "", body: "", track: true, later: false, sendAt: "" };
  const form = useForm<Form>({ defaultValues: defaults });
  const action = useFormAction(sendEmailAction, form);
  const { errors, isSubmitting } = form.formState;
  const later = useWatch({ control: form.control, name: "later" });
  const trigger = (
    <Button variant="secondary">
      <Mail className="size-4" aria-hidden /> Send email
    </Button>
  );

  if (!data.mailboxes.length) {
    return (
      <FormDialog open={open} onOpenChange={setOpen} title="Send email" trigger={trigger} onSubmit={(e) => (e.preventDefault(), setOpen(false))} submitLabel="Close">
        <p className="text-sm text-slate-700">
          Connect the mailbox you send from first, in{" "}
          <Link href="/settings/email" className="text-brand-700 underline">
            Settings → Email
          </Link>
          . Emails you send from here are then logged on this timeline.
        </p>
      </FormDialog>
    );
  }

  const applyTemplate = (id: string) => {
    const t = data.templates.find((x) => x.id === id);
    if (!t) return;
    form.setValue("subject", renderTemplate(t.subject, data.variables).text);
    form.setValue("body", renderTemplate(t.body, data.variables).text);
  };

  const onSubmit = form.handleSubmit(async (v) => {
    const r = await action.run({
      recordType: kind,
      recordId,
      mailboxId: v.mailboxId,
      to: v.to,
      cc: v.cc,
      subject: v.subject,
      body: v.body,
      templateId: v.templateId || undefined,
      track: v.track,
      sendAt: v.later && v.sendAt ? new Date(v.sendAt) : undefined,
    });
    if (!r.ok) return;
    if (r.data.scheduledAt) toast.success(`Email scheduled for ${formatDateTime(r.data.scheduledAt)}${r.data.tracked || !v.track ? "" : ", untracked"}`);
    else toast.success(r.data.tracked || !v.track ? "Email queued: it is on its way" : "Email queued, untracked: a recipient is at one of your workspace's own domains");
    setOpen(false);
    form.reset(defaults);
    await queryClient.invalidateQueries({ queryKey: timelineKey(kind, recordId) });
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) form.reset(defaults);
      }}
      title="Send email"
      description="Sent through your mailbox and logged on this timeline. {{contact.firstName | there}} style placeholders are filled in from this record."
      trigger={trigger}
      className="sm:max-w-2xl"
      onSubmit={onSubmit}
      pending={isSubmitting}
      error={errors.root?.server?.message}
      submitLabel={later ? "Schedule email" : "Send email"}
      pendingLabel="Sending…"
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label="From" options={data.mailboxes.map((m) => ({ value: m.id, label: `${m.displayName ? `${m.displayName} <${m.emailAddress}>` : m.emailAddress}${m.shared ? " (shared)" : ""}` }))} {...form.register("mailboxId")} error={errors.mailboxId?.message} />
        <SelectField
          label="Template"
          options={[{ value: "", label: data.templates.length ? "No template" : "No templates yet" }, ...data.templates.map((t) => ({ value: t.id, label: t.name }))]}
          {...form.register("templateId", { onChange: (e: React.ChangeEvent<HTMLSelectElement>) => applyTemplate(e.target.value) })}
        />
      </div>
      <TextField label="To" placeholder="name@example.com, another@example.com" autoComplete="off" {...form.register("to", { required: "is required" })} error={errors.to?.message} />
      <TextField label="Cc" autoComplete="off" {...form.register("cc")} error={errors.cc?.message} />
      <TextField label="Subject" autoComplete="off" {...form.register("subject", { required: "is required" })} error={errors.subject?.message} />
      <TextareaField label="Message" rows={10} {...form.register("body", { required: "is required" })} error={errors.body?.message} />
      <label className="inline-flex items-center gap-2 text-sm">
        <input type="checkbox" {...form.register("track")} /> Track opens and clicks (never for your workspace&apos;s own domains)
      </label>
      <div className="flex flex-wrap items-end gap-3">
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" {...form.register("later")} /> Send later
        </label>
        {later ? (
          <TextField
            label="Send at"
            type="datetime-local"
            hint="Outside the workspace's send window it waits for the next open time."
            {...form.register("sendAt", { validate: inFuture })}
            error={errors.sendAt?.message}
          />
        ) : null}
      </div>
    </FormDialog>
  );
}
