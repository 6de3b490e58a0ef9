import type { Metadata } from "next";
import Link from "next/link";
import { NewCampaignDialog } from "@/components/campaigns/campaign-dialog";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { MaybeDateTime } from "@/components/ui/date-time";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { emailFormOptions } from "@/lib/campaigns/form-options";
import { listCampaigns } from "@/lib/campaigns/service";

export const metadata: Metadata = { title: "Campaigns" };

const TONE = { DRAFT: "neutral", SCHEDULED: "amber", SENDING: "brand", SENT: "green", CANCELLED: "red" } as const;

export default async function CampaignsPage() {
  const s = await requirePageSession();
  const canManage = can(s.role, "campaigns.manage");
  const [campaigns, options] = await Promise.all([listCampaigns(s.ctx), canManage ? emailFormOptions(s.ctx) : null]);
  const listNames = new Map(options?.lists.map((l) => [l.id, l.name]));
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="One email to a list of contacts, sent in batches within the hourly limit and the send window (Settings → Email). Unsubscribed addresses never get another."
        actions={options ? <NewCampaignDialog options={options} /> : null}
      />
      {campaigns.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">No campaigns yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-slate-500">
                <th scope="col" className="px-4 py-2 font-medium">Campaign</th>
                <th scope="col" className="px-4 py-2 font-medium">Status</th>
                <th scope="col" className="px-4 py-2 font-medium">Subject</th>
                <th scope="col" className="px-4 py-2 font-medium">List</th>
                <th scope="col" className="px-4 py-2 font-medium">Created</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => (
                <tr key={c.id} className="border-t border-slate-100">
                  <td className="px-4 py-2">
                    <Link href={`/campaigns/${c.id}`} className="font-medium text-brand-700 hover:underline">
                      {c.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2">
                    <Badge tone={TONE[c.status]}>{c.status[0] + c.status.slice(1).toLowerCase()}</Badge>
                  </td>
                  <td className="px-4 py-2">{c.subject}</td>
                  <td className="px-4 py-2">{listNames.get(c.listId) ?? "—"}</td>
                  <td className="px-4 py-2">
                    <MaybeDateTime value={c.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
