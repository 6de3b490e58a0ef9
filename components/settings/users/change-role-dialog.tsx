"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/components/ui/use-form-action";
import type { Role } from "@/lib/auth/permissions";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { changeRoleAction } from "@/lib/tenancy/actions";
import { changeRoleSchema, type ChangeRoleInput } from "@/lib/tenancy/schemas";
import { ROLE_OPTIONS, roleLabel } from "../format";

/** Role change in a dialog, so moving through a select with the keyboard never fires a change. */
export function ChangeRoleDialog({ member }: { member: { userId: string; name: string; role: Role } }) {
  const [open, setOpen] = useState(false);
  const defaults: ChangeRoleInput = { userId: member.userId, role: member.role };
  const form = useForm<ChangeRoleInput>({ resolver: zodResolver(changeRoleSchema), defaultValues: defaults });
  const action = useFormAction(changeRoleAction, form);
  const { errors, isSubmitting } = form.formState;
  const role = useWatch({ control: form.control, name: "role" });

  const onSubmit = form.handleSubmit(async (v) => {
    const r = await action.run(v);
    if (!r.ok) return;
    toast.success(`${member.name} is now ${roleLabel(v.role).toLowerCase()}`);
    setOpen(false);
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) form.reset(defaults);
      }}
      title={`Change the role of ${member.name}`}
      description="The new role applies at their next request."
      trigger={
        <Button size="sm" variant="secondary" aria-label={`Change role of ${member.name}`}>
          Change role
        </Button>
      }
      onSubmit={onSubmit}
      pending={isSubmitting}
      error={errors.root?.server?.message ?? errors.role?.message}
      submitLabel="Save role"
      pendingLabel="Saving…"
      submitDisabled={role === member.role}
    >
      <SelectField label="Role" options={ROLE_OPTIONS} {...form.register("role")} />
    </FormDialog>
  );
}
