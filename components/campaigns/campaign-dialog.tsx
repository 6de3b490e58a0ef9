"use client";
// A new campaign: one email (a template, or a subject and body; optionally a second
// subject for an A/B test and the share that gets it) to a list of contacts, from a mailbox.
// With `campaign`, the same form edits a draft, or a scheduled campaign (its time too)
// before the worker starts it — the service's rule (PATCH /campaigns/{id}).
import { Pencil, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { TextareaField, TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField, withCurrent } from "@/components/ui/select-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { createCampaignAction, updateCampaignAction } from "@/lib/campaigns/actions";
import type { CampaignJson } from "@/lib/campaigns/view";

export interface CampaignFormOptions {
  mailboxes: { id: string; label: string }[];
  lists: { id: string; name: string; memberCount: number }[];
  templates: { id: string; name: string; subject: string; body: string }[];
}

interface Form {
  name: string;
  category: "MARKETING" | "PRODUCT_UPDATES" | "NEWSLETTER";
  mailboxId: string;
  listId: string;
  templateId: string;
  subject: string;
  body: string;
  abTest: boolean;
  subjectB: string;
  splitPercent: string;
  track: boolean;
  scheduledAt: string;
}

/** The form field an edit's error path names (`input.subject`, or a service's `scheduledAt`). */
const fieldOf = (path: string) => path.replace(/^input\./, "").split(/[.[]/)[0] ?? "";

/** An instant as a datetime-local input's value, in the reader's zone. */
const localInputValue = (iso: string | null) => {
  if (!iso) return "";
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

export const CATEGORY_LABELS = { MARKETING: "Marketing", PRODUCT_UPDATES: "Product updates", NEWSLETTER: "Newsletter" } as const;

export function NewCampaignDialog({ options }: { options: CampaignFormOptions }) {
  return <CampaignDialog options={options} />;
}

const defaultsOf = (options: CampaignFormOptions, c?: CampaignJson): Form =>
  c
    ? { name: c.name, category: c.category, mailboxId: c.mailboxId, listId: c.listId, templateId: c.templateId ?? "", subject: c.subject, body: c.body, abTest: !!c.subjectB, subjectB: c.subjectB ?? "", splitPercent: String(c.subjectB ? c.splitPercent : 50), track: c.track, scheduledAt: localInputValue(c.scheduledAt) }
    : { name: "", category: "MARKETING", mailboxId: options.mailboxes[0]?.id ?? "", listId: options.lists[0]?.id ?? "", templateId: "", subject: "", body: "", abTest: false, subjectB: "", splitPercent: "50", track: true, scheduledAt: "" };

/** New campaign, or (with `campaign`) edit a draft or scheduled one; `onSaved` after an edit. */
export function CampaignDialog({ options, campaign, onSaved }: { options: CampaignFormOptions; campaign?: CampaignJson; onSaved?: () => void | Promise<void> }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const defaults = defaultsOf(options, campaign);
  const form = useForm<Form>({ defaultValues: defaults });
  const create = useFormAction(createCampaignAction, form);
  // the edit action's input is { id, input }: its field errors come back under input.*
  const update = useFormAction(updateCampaignAction, form, { place: (path) => (fieldOf(path) in defaults ? fieldOf(path) : null) });
  const { errors, isSubmitting } = form.formState;
  const abTest = useWatch({ control: form.control, name: "abTest" });
  const ready = options.mailboxes.length > 0 && options.lists.length > 0;

  const onSubmit = form.handleSubmit(async (v) => {
    const input = {
      name: v.name,
      category: v.category,
      mailboxId: v.mailboxId,
      listId: v.listId,
      templateId: v.templateId || null,
      subject: v.subject || undefined,
      body: v.body || undefined,
      subjectB: v.abTest ? v.subjectB : null,
      splitPercent: v.abTest ? Number(v.splitPercent) : 0,
      track: v.track,
    };
    if (campaign) {
      const scheduledAt = campaign.status === "SCHEDULED" && v.scheduledAt ? new Date(v.scheduledAt) : undefined;
      const r = await update.run({ id: campaign.id, input: { ...input, scheduledAt } });
      if (!r.ok) return;
      setOpen(false);
      await onSaved?.();
      router.refresh();
      return;
    }
    const r = await create.run(input);
    if (!r.ok) return;
    setOpen(false);
    form.reset(defaults);
    router.push(`/campaigns/${r.data.id}`);
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        form.reset(defaultsOf(options, campaign));
      }}
      title={campaign ? `Edit ${campaign.name}` : "New campaign"}
      description="One email to every contact of a list, sent by the worker in batches within your hourly limit. {{contact.firstName | there}} style placeholders are filled in per contact; an unsubscribe link is added."
      trigger={
        campaign ? (
          <Button variant="secondary">
            <Pencil className="size-4" aria-hidden /> Edit
          </Button>
        ) : (
          <Button>
            <Plus className="size-4" aria-hidden /> New campaign
          </Button>
        )
      }
      className="sm:max-w-2xl"
      onSubmit={ready ? onSubmit : (e) => (e.preventDefault(), setOpen(false))}
      pending={isSubmitting}
      error={errors.root?.server?.message}
      submitLabel={!ready ? "Close" : campaign ? "Save changes" : "Save draft"}
      pendingLabel="Saving…"
    >
      {!ready ? (
        <p className="text-sm text-slate-700">A campaign needs a mailbox to send from (Settings → Email) and a list of contacts (Lists).</p>
      ) : (
        <>
          <TextField label="Campaign name" autoComplete="off" {...form.register("name", { required: "is required" })} error={errors.name?.message} />
          <div className="grid gap-3 sm:grid-cols-2">
            <SelectField label="Send to list" options={withCurrent(options.lists.map((l) => ({ value: l.id, label: `${l.name} (${l.memberCount})` })), campaign?.listId, "The current list")} {...form.register("listId")} error={errors.listId?.message} />
            <SelectField label="From mailbox" options={withCurrent(options.mailboxes.map((m) => ({ value: m.id, label: m.label })), campaign?.mailboxId, "The current mailbox")} {...form.register("mailboxId")} error={errors.mailboxId?.message} />
            <SelectField label="Kind of email" hint="Contacts who turned this kind off are skipped." options={Object.entries(CATEGORY_LABELS).map(([value, label]) => ({ value, label }))} {...form.register("category")} />
            <SelectField
              label="Template"
              options={[{ value: "", label: options.templates.length ? "No template" : "No templates yet" }, ...options.templates.map((t) => ({ value: t.id, label: t.name }))]}
              {...form.register("templateId", {
                onChange: (e: React.ChangeEvent<HTMLSelectElement>) => {
                  const t = options.templates.find((x) => x.id === e.target.value);
                  if (t) {
                    form.setValue("subject", t.subject);
                    form.setValue("body", t.body);
                  }
                },
              })}
            />
          </div>
          <TextField label="Subject" autoComplete="off" {...form.register("subject")} error={errors.subject?.message} />
          <TextareaField label="Message" rows={8} {...form.register("body")} error={errors.body?.message} />
          <label className="inline-flex items-center gap-2 text-sm">
            <input type="checkbox" {...form.register("abTest")} /> A/B test a second subject
          </label>
          {abTest ? (
            <div className="grid gap-3 sm:grid-cols-3">
              <TextField className="sm:col-span-2" label="Subject B" autoComplete="off" {...form.register("subjectB")} error={errors.subjectB?.message} />
              <TextField label="Share that gets B (%)" type="number" min={1} max={99} inputMode="numeric" {...form.register("splitPercent")} error={errors.splitPercent?.message} />
            </div>
          ) : null}
          <label className="inline-flex items-center gap-2 text-sm">
            <input type="checkbox" {...form.register("track")} /> Track opens and clicks
          </label>
          {campaign?.status === "SCHEDULED" ? (
            <TextField label="Send at" type="datetime-local" hint="Still within the send window and the hourly limit." {...form.register("scheduledAt")} error={errors.scheduledAt?.message} />
          ) : null}
        </>
      )}
    </FormDialog>
  );
}
