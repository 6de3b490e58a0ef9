import type { Metadata } from "next";
import { AccessPolicyGrid } from "@/components/settings/access/access-policy-grid";
import { BackToSettings } from "@/components/settings/back-link";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { getAccessPolicy } from "@/lib/tenancy/access-policy";

export const metadata: Metadata = { title: "Access" };

export default async function AccessSettingsPage() {
  const s = await requirePageSession();
  if (!can(s.role, "users.manage")) {
    return (
      <>
        <BackToSettings />
        <PageHeader title="Access" />
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">Only admins can see and change who sees which records.</p>
      </>
    );
  }
  const policy = await getAccessPolicy(s.ctx);
  return (
    <>
      <BackToSettings />
      <PageHeader
        title="Access"
        description="Per role and record type, which records members see and edit. Own: the records they or their groups own or are assigned. Team: also those of the members of the groups they belong to or manage. Admins see and edit everything."
      />
      <AccessPolicyGrid policy={policy} />
    </>
  );
}
