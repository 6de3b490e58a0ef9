"use client";

import { useAction } from "next-safe-action/hooks";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/components/ui/use-form-action";
import { actionMessage } from "@/lib/action-result";
import { addGroupMemberAction, deleteGroupAction, removeGroupMemberAction, setGroupManagerAction } from "@/lib/tenancy/actions";
import { Badge } from "@/components/ui/badge";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { SelectField } from "@/components/ui/select-field";
import type { UserOption } from "./create-group-dialog";
import { RenameGroupDialog } from "./rename-group-dialog";
import { toastResult } from "@/components/ui/toast-result";

export interface GroupView {
  id: string;
  name: string;
  description: string | null;
  managerUserId: string | null;
  members: { userId: string; name: string; email: string; isActive: boolean }[];
}

export function GroupCard({ group, activeUsers, canManage }: { group: GroupView; activeUsers: UserOption[]; canManage: boolean }) {
  const remove = useAction(removeGroupMemberAction);
  const del = useAction(deleteGroupAction);
  const setManager = useAction(setGroupManagerAction);
  const manager = activeUsers.find((u) => u.userId === group.managerUserId);
  const candidates = activeUsers.filter((u) => !group.members.some((m) => m.userId === u.userId));
  const addForm = useForm<{ userId: string }>({ defaultValues: { userId: "" } });
  const add = useFormAction(addGroupMemberAction, addForm, { place: () => null });
  const pick = useWatch({ control: addForm.control, name: "userId" });
  const headingId = `group-${group.id}`;

  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={headingId} className="font-semibold">
            {group.name}
          </h2>
          <p className="text-sm text-slate-600">
            {group.members.length} {group.members.length === 1 ? "member" : "members"}
            {group.description ? ` · ${group.description}` : ""}
          </p>
        </div>
        {canManage ? (
          <div className="flex gap-2">
            <RenameGroupDialog group={group} />
            <ConfirmButton
              label="Delete"
              ariaLabel={`Delete group ${group.name}`}
              title={`Delete the group ${group.name}?`}
              description="Its memberships and the watches it holds go with it. A group that still owns or is assigned records cannot be deleted."
              confirmLabel="Delete group"
              onConfirm={async () => toastResult(await del.executeAsync({ groupId: group.id }), `Group ${group.name} deleted`)}
            />
          </div>
        ) : null}
      </div>

      {canManage ? (
        <SelectField
          label={`Manager of ${group.name}`}
          className="mt-3"
          value={group.managerUserId ?? ""}
          disabled={setManager.isPending}
          onChange={async (e) => {
            const managerUserId = e.target.value || null;
            toastResult(await setManager.executeAsync({ groupId: group.id, managerUserId }), managerUserId ? "Manager set" : "Manager removed");
          }}
          options={[{ value: "", label: "No manager" }, ...activeUsers.map((u) => ({ value: u.userId, label: `${u.name} (${u.email})` }))]}
        />
      ) : (
        <p className="mt-2 text-sm text-slate-600">Manager: {manager ? manager.name : "none"}</p>
      )}

      <ul className="mt-3 divide-y divide-slate-100" aria-label={`Members of ${group.name}`}>
        {group.members.length === 0 ? <li className="py-1.5 text-sm text-slate-500">No members yet.</li> : null}
        {group.members.map((m) => (
          <li key={m.userId} className="flex items-center justify-between gap-2 py-1.5 text-sm">
            <span>
              {m.name} <span className="text-slate-500">{m.email}</span> {m.isActive ? null : <Badge tone="red">Deactivated</Badge>}
            </span>
            {canManage ? (
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Remove ${m.name} from ${group.name}`}
                disabled={remove.isPending}
                onClick={async () => {
                  const err = actionMessage(await remove.executeAsync({ groupId: group.id, userId: m.userId }));
                  if (err) toast.error(err);
                }}
              >
                Remove
              </Button>
            ) : null}
          </li>
        ))}
      </ul>

      {canManage && candidates.length > 0 ? (
        <form
          className="mt-3 flex items-end gap-2"
          onSubmit={addForm.handleSubmit(async (v) => {
            if (!v.userId) return;
            const r = await add.run({ groupId: group.id, userId: v.userId });
            if (r.ok) addForm.reset();
          })}
        >
          <SelectField
            label={`Add a member to ${group.name}`}
            className="flex-1"
            error={addForm.formState.errors.root?.server?.message}
            {...addForm.register("userId")}
            options={[{ value: "", label: "Choose a user…" }, ...candidates.map((u) => ({ value: u.userId, label: `${u.name} (${u.email})` }))]}
          />
          <Button type="submit" variant="secondary" disabled={!pick || addForm.formState.isSubmitting}>
            Add
          </Button>
        </form>
      ) : null}
    </section>
  );
}
