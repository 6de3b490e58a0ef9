import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CampaignDetail } from "@/components/campaigns/campaign-detail";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { campaignFigures, campaignRecipientsPage } from "@/lib/campaigns/queries";
import { campaignJson } from "@/lib/campaigns/view";
import { emailFormOptions } from "@/lib/campaigns/form-options";
import { listMailboxes } from "@/lib/email/mailboxes";
import { AppError } from "@/lib/errors";
import { getList } from "@/lib/lists/queries";

export const metadata: Metadata = { title: "Campaign" };

export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const s = await requirePageSession();
  const { id } = await params;
  const loaded = await Promise.all([campaignFigures(s.ctx, id), campaignRecipientsPage(s.ctx, id, { limit: 200 })]).catch((err) => {
    if (err instanceof AppError && err.code === "not-found") notFound();
    throw err;
  });
  const [{ campaign, figures }, recipients] = loaded;
  const [list, mailboxes] = await Promise.all([getList(s.ctx, campaign.listId).catch(() => null), can(s.role, "email.send") ? listMailboxes(s.ctx) : []]);
  const mailbox = mailboxes.find((m) => m.id === campaign.mailboxId);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/campaigns" className="text-brand-700 hover:underline">
          ← Campaigns
        </Link>
      </p>
      <PageHeader title={campaign.name} />
      <CampaignDetail
        initial={{ campaign: campaignJson(campaign), figures, recipients: recipients.data.map((r) => ({ ...r, sentAt: r.sentAt?.toISOString() ?? null })) }}
        listName={list?.name ?? "a list you cannot see"}
        mailbox={mailbox ? mailbox.emailAddress : "a mailbox"}
        options={can(s.role, "campaigns.manage") ? await emailFormOptions(s.ctx) : null}
      />
    </>
  );
}
