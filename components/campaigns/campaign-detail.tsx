"use client";
// A campaign's page body: what it sends, its controls (send now or later, cancel, delete),
// the progress bar while the worker sends it, its figures per variant and its recipients.
// While it is scheduled or sending, it re-reads itself every second.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { MaybeDateTime } from "@/components/ui/date-time";
import { TextField } from "@/components/ui/field";
import { toastResult } from "@/components/ui/toast-result";
import { cancelCampaignAction, campaignStatusAction, deleteCampaignAction, sendCampaignAction } from "@/lib/campaigns/actions";
import type { CampaignFigures } from "@/lib/campaigns/queries";
import type { RecipientStatus } from "@/lib/campaigns/rules";
import type { CampaignJson } from "@/lib/campaigns/view";
import { formatCount } from "@/lib/format/money";
import { CampaignDialog, CATEGORY_LABELS, type CampaignFormOptions } from "./campaign-dialog";

export interface CampaignState {
  campaign: CampaignJson;
  figures: CampaignFigures;
  recipients: { contactId: string; name: string; email: string; variant: "A" | "B"; status: RecipientStatus; reason: string | null; error: string | null; sentAt: string | null }[];
}

const STATUS_TONE = { DRAFT: "neutral", SCHEDULED: "amber", SENDING: "brand", SENT: "green", CANCELLED: "red" } as const;
const RECIPIENT_TONE: Record<RecipientStatus, "neutral" | "green" | "red" | "amber" | "brand"> = { queued: "neutral", sent: "brand", opened: "green", clicked: "green", failed: "red", suppressed: "amber", bounced: "red", unsubscribed: "amber" };
const FIGURES = [
  ["recipients", "Recipients"],
  ["sent", "Sent"],
  ["delivered", "Delivered"],
  ["opened", "Opened"],
  ["clicked", "Clicked"],
  ["unsubscribed", "Unsubscribed"],
  ["bounced", "Bounced"],
  ["complained", "Complained"],
  ["suppressed", "Suppressed"],
  ["failed", "Failed"],
] as const;

export const campaignKey = (id: string) => ["campaign", id] as const;

/** `options`: what the edit form offers (null for a reader who may not manage campaigns). */
export function CampaignDetail({ initial, listName, mailbox, options }: { initial: CampaignState; listName: string; mailbox: string; options: CampaignFormOptions | null }) {
  const canManage = options !== null;
  const id = initial.campaign.id;
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: campaignKey(id),
    queryFn: async () => ((await campaignStatusAction({ id }))?.data as CampaignState | undefined) ?? initial,
    initialData: initial,
    refetchInterval: (q) => (q.state.data && (q.state.data.campaign.status === "SENDING" || q.state.data.campaign.status === "SCHEDULED") ? 1000 : false),
  });
  const [when, setWhen] = useState("");
  const c = data.campaign;
  const f = data.figures;
  const pct = Math.round(f.progress * 100);
  const refresh = () => queryClient.invalidateQueries({ queryKey: campaignKey(id) });

  const send = async (scheduledAt: string | null) => {
    const r = await sendCampaignAction({ id, scheduledAt: scheduledAt ? new Date(scheduledAt) : null });
    if (toastResult(r, scheduledAt ? "Campaign scheduled" : "Campaign on its way")) await refresh();
  };

  return (
    <div className="space-y-4">
      <section aria-label="Campaign" className="rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-500">Status</dt>
            <dd>
              <Badge tone={STATUS_TONE[c.status]}>{c.status[0] + c.status.slice(1).toLowerCase()}</Badge>
              {c.status === "SCHEDULED" && c.scheduledAt ? (
                <span className="ml-2 text-slate-600">
                  for <MaybeDateTime value={c.scheduledAt} mode="absolute" />
                </span>
              ) : null}
            </dd>
            <dt className="text-slate-500">To</dt>
            <dd>{listName}</dd>
            <dt className="text-slate-500">From</dt>
            <dd>{mailbox}</dd>
            <dt className="text-slate-500">Kind</dt>
            <dd>{CATEGORY_LABELS[c.category]}</dd>
            <dt className="text-slate-500">Subject</dt>
            <dd>{c.subject}</dd>
            {c.subjectB ? (
              <>
                <dt className="text-slate-500">Subject B</dt>
                <dd>
                  {c.subjectB} <span className="text-slate-500">({c.splitPercent}% of recipients)</span>
                </dd>
              </>
            ) : null}
          </dl>
          {canManage ? (
            <div className="flex flex-wrap items-end gap-2">
              {c.status === "DRAFT" || c.status === "SCHEDULED" ? <CampaignDialog options={options} campaign={c} onSaved={refresh} /> : null}
              {c.status === "DRAFT" ? (
                <>
                  <Button onClick={() => send(null)}>Send now</Button>
                  <TextField label="Send later" type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />
                  <Button variant="secondary" disabled={!when} onClick={() => send(when)}>
                    Schedule
                  </Button>
                  <ConfirmButton
                    label="Delete"
                    title="Delete this draft?"
                    description="The draft campaign is removed. Nothing was sent."
                    confirmLabel="Delete draft"
                    variant="danger"
                    onConfirm={async () => {
                      const ok = toastResult(await deleteCampaignAction({ id }), "Draft deleted");
                      if (ok) router.push("/campaigns");
                      return ok;
                    }}
                  />
                </>
              ) : null}
              {c.status === "SCHEDULED" || c.status === "SENDING" ? (
                <ConfirmButton
                  label="Cancel sending"
                  title="Cancel this campaign?"
                  description="Recipients not yet emailed get nothing. Emails already sent stay sent."
                  confirmLabel="Cancel campaign"
                  variant="danger"
                  onConfirm={async () => {
                    const ok = toastResult(await cancelCampaignAction({ id }), "Campaign cancelled");
                    if (ok) await refresh();
                    return ok;
                  }}
                />
              ) : null}
            </div>
          ) : null}
        </div>
        {canManage && (c.status === "SENDING" || c.status === "SENT" || c.status === "CANCELLED") ? (
          <p className="mt-3 text-sm text-slate-600">
            {c.status === "SENDING"
              ? "This campaign is being sent, so it can no longer be edited: recipients must all get the same email. Cancel it to stop the rest."
              : `This campaign was ${c.status === "SENT" ? "sent" : "cancelled"} and can no longer be edited. To send something else, create a new campaign.`}
          </p>
        ) : null}
      </section>

      {c.status !== "DRAFT" ? (
        <section aria-labelledby="progress-heading" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="progress-heading" className="mb-2 font-medium text-slate-900">
            Progress
          </h2>
          <div role="progressbar" aria-label="Sending progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 w-full overflow-hidden rounded bg-slate-100">
            <div className="h-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
          </div>
          <p className="mt-1 text-sm text-slate-600" aria-live="polite">
            {c.status === "SENT"
              ? `Done: ${formatCount(f.total.recipients - f.total.queued)} of ${formatCount(f.total.recipients)} recipients handled.`
              : c.status === "SCHEDULED"
                ? "Waiting for its time."
                : `${formatCount(f.total.recipients - f.total.queued)} of ${formatCount(f.total.recipients)} recipients handled…`}
            {c.nextBatchAt && c.status === "SENDING" ? (
              <>
                {" "}
                Next batch: <MaybeDateTime value={c.nextBatchAt} />.
              </>
            ) : null}
          </p>
        </section>
      ) : null}

      {c.status !== "DRAFT" ? (
        <section aria-labelledby="figures-heading" className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="figures-heading" className="mb-2 font-medium text-slate-900">
            Figures
          </h2>
          <table className="w-full text-sm">
            <caption className="sr-only">Campaign figures per variant</caption>
            <thead>
              <tr className="text-left text-slate-500">
                <th scope="col" className="py-1 pr-3 font-medium">
                  Variant
                </th>
                {FIGURES.map(([k, label]) => (
                  <th key={k} scope="col" className="py-1 pr-3 text-right font-medium">
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(f.variants.length > 1 ? [...f.variants.map((v) => ({ ...v, label: `${v.variant}: ${v.subject}` })), { ...f.total, label: "All" }] : [{ ...f.total, label: "All" }]).map((row) => (
                <tr key={row.label} className="border-t border-slate-100">
                  <th scope="row" className="py-1 pr-3 text-left font-medium">
                    {row.label}
                  </th>
                  {FIGURES.map(([k, label]) => (
                    <td key={k} className="py-1 pr-3 text-right tabular-nums" aria-label={`${row.label} ${label}`}>
                      {formatCount(row[k])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {data.recipients.length ? (
        <section aria-labelledby="recipients-heading" className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="recipients-heading" className="mb-2 font-medium text-slate-900">
            Recipients {f.total.recipients > data.recipients.length ? <span className="text-sm font-normal text-slate-500">(first {data.recipients.length} of {formatCount(f.total.recipients)})</span> : null}
          </h2>
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-slate-500">
                <th scope="col" className="py-1 pr-3 font-medium">Contact</th>
                <th scope="col" className="py-1 pr-3 font-medium">Email</th>
                {f.variants.length > 1 ? <th scope="col" className="py-1 pr-3 font-medium">Variant</th> : null}
                <th scope="col" className="py-1 pr-3 font-medium">Status</th>
                <th scope="col" className="py-1 pr-3 font-medium">Note</th>
              </tr>
            </thead>
            <tbody>
              {data.recipients.map((r) => (
                <tr key={r.contactId} className="border-t border-slate-100">
                  <td className="py-1 pr-3">
                    <a className="text-brand-700 hover:underline" href={`/contacts/${r.contactId}`}>
                      {r.name}
                    </a>
                  </td>
                  <td className="py-1 pr-3">{r.email}</td>
                  {f.variants.length > 1 ? <td className="py-1 pr-3">{r.variant}</td> : null}
                  <td className="py-1 pr-3">
                    <Badge tone={RECIPIENT_TONE[r.status]}>{r.status[0]!.toUpperCase() + r.status.slice(1)}</Badge>
                  </td>
                  <td className="py-1 pr-3 text-slate-600">{r.reason ?? r.error ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
