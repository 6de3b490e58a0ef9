import type { Metadata } from "next";
import { LeadScoringForm } from "@/components/settings/lead-scoring/lead-scoring-form";
import { RescoreProgress } from "@/components/settings/lead-scoring/rescore-progress";
import { BackToSettings } from "@/components/settings/back-link";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { listEditorData } from "@/lib/lists/fields";
import { getLeadScoring } from "@/lib/scoring/service";

export const metadata: Metadata = { title: "Lead scoring" };

export default async function LeadScoringSettingsPage() {
  const s = await requirePageSession();
  if (!can(s.role, "settings.manage")) {
    return (
      <>
        <BackToSettings />
        <PageHeader title="Lead scoring" />
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">Only admins can change how leads are scored. Each lead&apos;s page shows its score and why.</p>
      </>
    );
  }
  const [scoring, editor] = await Promise.all([getLeadScoring(s.ctx), listEditorData(s.ctx)]);
  return (
    <>
      <BackToSettings />
      <PageHeader
        title="Lead scoring"
        description="A lead's score is the points of every rule it matches plus the points of its activities (older than the decay count half), kept between 0 and 100. While rules exist, scores are computed, not typed."
      />
      <div className="space-y-6">
        <RescoreProgress initial={scoring.rescore} />
        <LeadScoringForm value={scoring} fields={editor.fieldsByType.LEAD} options={editor.optionsByType.LEAD} />
      </div>
    </>
  );
}
