import type { Metadata } from "next";
import { BackToSettings } from "@/components/settings/back-link";
import { CreateGroupDialog } from "@/components/settings/groups/create-group-dialog";
import { GroupCard } from "@/components/settings/groups/group-card";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { listGroups } from "@/lib/tenancy/groups";
import { listMembers } from "@/lib/tenancy/members";

export const metadata: Metadata = { title: "Groups" };

export default async function GroupsSettingsPage() {
  const s = await requirePageSession();
  const canManage = can(s.role, "groups.manage");
  const [groups, members] = await Promise.all([listGroups(s.ctx), listMembers(s.ctx)]);
  const activeUsers = members.filter((m) => m.isActive).map((m) => ({ userId: m.userId, name: m.name, email: m.email }));
  return (
    <>
      <BackToSettings />
      <PageHeader
        title="Groups"
        description={canManage ? "Teams of users: records can be owned by, assigned to and watched by a group." : "Teams of users. Only admins can change them."}
        actions={canManage ? <CreateGroupDialog users={activeUsers} /> : null}
      />
      {groups.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">No groups yet.</p>
      ) : (
        <ul className="grid gap-4 lg:grid-cols-2" aria-label="Groups">
          {groups.map((g) => (
            <li key={g.id}>
              <GroupCard group={g} activeUsers={activeUsers} canManage={canManage} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
