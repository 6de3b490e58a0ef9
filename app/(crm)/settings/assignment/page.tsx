import type { Metadata } from "next";
import { AssignmentRules } from "@/components/settings/assignment/assignment-rules";
import { BackToSettings } from "@/components/settings/back-link";
import { PageHeader } from "@/components/shell/page-header";
import { listAssignmentRules, ruleJson } from "@/lib/assignment/service";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { listEditorData } from "@/lib/lists/fields";

export const metadata: Metadata = { title: "Assignment" };

export default async function AssignmentSettingsPage() {
  const s = await requirePageSession();
  if (!can(s.role, "settings.manage")) {
    return (
      <>
        <BackToSettings />
        <PageHeader title="Assignment" />
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">Only admins can change who gets new records. A record&apos;s page shows who was given it and why.</p>
      </>
    );
  }
  const [rules, editor] = await Promise.all([listAssignmentRules(s.ctx), listEditorData(s.ctx)]);
  const pick = <T,>(by: Record<string, T>) => ({ LEAD: by.LEAD!, CONTACT: by.CONTACT!, DEAL: by.DEAL!, TICKET: by.TICKET! });
  return (
    <>
      <BackToSettings />
      <PageHeader
        title="Assignment"
        description="Ordered rules per record type. A record created without an owner — in the app, through the API, an import or a web form — goes to the first enabled rule whose condition it matches: a user, the next member of a group in turn, or the member with the fewest open records."
      />
      <AssignmentRules rules={rules.map(ruleJson)} editor={{ fields: pick(editor.fieldsByType), options: pick(editor.optionsByType) }} />
    </>
  );
}
