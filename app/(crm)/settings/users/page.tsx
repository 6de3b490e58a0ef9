import type { Metadata } from "next";
import { BackToSettings } from "@/components/settings/back-link";
import { AddUserDialog } from "@/components/settings/users/add-user-dialog";
import { MembersTable } from "@/components/settings/users/members-table";
import { PendingInvitations } from "@/components/settings/users/pending-invitations";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { listPendingInvitations } from "@/lib/tenancy/invitations";
import { listMembers } from "@/lib/tenancy/members";

export const metadata: Metadata = { title: "Users" };

export default async function UsersSettingsPage() {
  const s = await requirePageSession();
  const canManage = can(s.role, "users.manage");
  const [members, invitations] = await Promise.all([listMembers(s.ctx), canManage ? listPendingInvitations(s.ctx) : Promise.resolve([])]);
  return (
    <>
      <BackToSettings />
      <PageHeader
        title="Users"
        description={canManage ? "Add people with an invitation link; change roles; deactivate and reactivate." : "The members of this workspace. Only admins can change them."}
        actions={canManage ? <AddUserDialog /> : null}
      />
      <MembersTable members={members} canManage={canManage} currentUserId={s.user.id} />
      {canManage ? <PendingInvitations invitations={invitations} /> : null}
    </>
  );
}
