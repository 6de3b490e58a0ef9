"use client";

import { useAction } from "next-safe-action/hooks";
import { toast } from "sonner";
import { setActiveAction } from "@/lib/tenancy/actions";
import { Button } from "@/components/ui/button";
import type { Role } from "@/lib/auth/permissions";
import { actionMessage } from "@/lib/action-result";
import { Badge } from "@/components/ui/badge";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { roleLabel } from "../format";
import { DateTime, MaybeDateTime } from "@/components/ui/date-time";
import { ChangeRoleDialog } from "./change-role-dialog";

export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: Role;
  isActive: boolean;
  joinedAt: Date;
  deactivatedAt: Date | null;
}

export function MembersTable({ members, canManage, currentUserId }: { members: MemberRow[]; canManage: boolean; currentUserId: string }) {
  const setActive = useAction(setActiveAction);

  async function toggle(m: MemberRow, active: boolean) {
    const r = await setActive.executeAsync({ userId: m.userId, active });
    const err = actionMessage(r);
    if (err) {
      toast.error(err);
      return false;
    }
    toast.success(active ? `${m.name} is active again` : `${m.name} is deactivated and signed out at their next request`);
    return true;
  }

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Members of this workspace</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2">Name</th>
            <th scope="col" className="px-4 py-2">Email</th>
            <th scope="col" className="px-4 py-2">Role</th>
            <th scope="col" className="px-4 py-2">Status</th>
            <th scope="col" className="px-4 py-2">Joined</th>
            {canManage ? <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {members.map((m) => (
            <tr key={m.userId} className={m.isActive ? undefined : "bg-slate-50 text-slate-500"}>
              <th scope="row" className="px-4 py-2 text-left font-medium text-slate-900">
                {m.name}
                {m.userId === currentUserId ? <span className="ml-1 text-xs font-normal text-slate-500">(you)</span> : null}
              </th>
              <td className="px-4 py-2">{m.email}</td>
              <td className="px-4 py-2">{roleLabel(m.role)}</td>
              <td className="px-4 py-2">
                {m.isActive ? <Badge tone="green">Active</Badge> : <Badge tone="red">Deactivated <MaybeDateTime value={m.deactivatedAt} mode="absolute" empty="" /></Badge>}
              </td>
              <td className="px-4 py-2 whitespace-nowrap"><DateTime value={m.joinedAt} mode="absolute" />
              </td>
              {canManage ? (
                <td className="px-4 py-2">
                  <div className="flex justify-end gap-2">
                    <ChangeRoleDialog member={m} />
                    {m.isActive ? (
                      <ConfirmButton
                        label="Deactivate"
                        ariaLabel={`Deactivate ${m.name}`}
                        title={`Deactivate ${m.name}?`}
                        description={
                          m.userId === currentUserId
                            ? "You will be signed out of this workspace at your next request. Their records stay; another admin can reactivate you."
                            : "They are signed out of this workspace at their next request and cannot sign in to it. Their records stay; you can reactivate them later."
                        }
                        confirmLabel="Deactivate"
                        onConfirm={() => toggle(m, false)}
                      />
                    ) : (
                      <Button size="sm" variant="secondary" aria-label={`Reactivate ${m.name}`} disabled={setActive.isPending} onClick={() => void toggle(m, true)}>
                        Reactivate
                      </Button>
                    )}
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
