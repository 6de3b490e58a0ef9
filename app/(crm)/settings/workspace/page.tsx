import type { Metadata } from "next";
import { BackToSettings } from "@/components/settings/back-link";
import { WorkspaceForm } from "@/components/settings/workspace-form";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { getWorkspace } from "@/lib/workspace/service";
import { timeZoneNames } from "@/lib/workspace/zone";

export const metadata: Metadata = { title: "Workspace" };

export default async function WorkspaceSettingsPage() {
  const s = await requirePageSession();
  const workspace = await getWorkspace(s.ctx);
  return (
    <>
      <BackToSettings />
      <PageHeader title="Workspace" description="The workspace's name, its time zone and its default currency." />
      <WorkspaceForm initial={workspace} zones={timeZoneNames()} canEdit={can(s.role, "settings.manage")} />
    </>
  );
}
