// What the UI and the API see of a campaign (dates as ISO strings).
import type { Campaign } from "@/db/schema";

export function campaignJson(c: Campaign) {
  return {
    id: c.id,
    name: c.name,
    category: c.category,
    status: c.status,
    mailboxId: c.mailboxId,
    listId: c.listId,
    templateId: c.templateId,
    subject: c.subject,
    body: c.body,
    subjectB: c.subjectB,
    splitPercent: c.splitPercent,
    track: c.track,
    scheduledAt: c.scheduledAt?.toISOString() ?? null,
    nextBatchAt: c.nextBatchAt?.toISOString() ?? null,
    startedAt: c.startedAt?.toISOString() ?? null,
    completedAt: c.completedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}
export type CampaignJson = ReturnType<typeof campaignJson>;
