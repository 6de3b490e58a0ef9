"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Plus } from "lucide-react";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { createGroupAction } from "@/lib/tenancy/actions";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/components/ui/use-form-action";
import { TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { groupCreateSchema, type GroupCreateInput } from "@/lib/tenancy/schemas";

export interface UserOption {
  userId: string;
  name: string;
  email: string;
}

export function CreateGroupDialog({ users }: { users: UserOption[] }) {
  const [open, setOpen] = useState(false);
  const form = useForm<GroupCreateInput>({ resolver: zodResolver(groupCreateSchema), defaultValues: { name: "", memberUserIds: [] } });
  const action = useFormAction(createGroupAction, form);
  const { errors, isSubmitting } = form.formState;
  // Checkboxes are controlled: register() on a lone checkbox would yield a boolean, not an array.
  const selected = useWatch({ control: form.control, name: "memberUserIds" }) ?? [];

  const onSubmit = form.handleSubmit(async (values) => {
    const r = await action.run(values);
    if (!r.ok) return;
    toast.success(`Group ${values.name} created`);
    form.reset();
    setOpen(false);
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) form.reset();
      }}
      title="New group"
      trigger={
        <Button>
          <Plus className="size-4" aria-hidden /> New group
        </Button>
      }
      onSubmit={onSubmit}
      pending={isSubmitting}
      error={errors.root?.server?.message ?? errors.memberUserIds?.message}
      submitLabel="Create group"
      pendingLabel="Creating…"
    >
      <TextField label="Group name" autoComplete="off" {...form.register("name")} error={errors.name?.message} />
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Members</legend>
        {users.length === 0 ? <p className="text-sm text-slate-500">No active users.</p> : null}
        <ul className="mt-1 max-h-56 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2">
          {users.map((u) => (
            <li key={u.userId}>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={selected.includes(u.userId)}
                  onChange={(e) =>
                    form.setValue("memberUserIds", e.target.checked ? [...selected, u.userId] : selected.filter((id) => id !== u.userId), { shouldDirty: true })
                  }
                  className="size-4 rounded border-slate-300"
                />
                <span>
                  {u.name} <span className="text-slate-500">{u.email}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </FormDialog>
  );
}
