"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/components/ui/use-form-action";
import type { Role } from "@/lib/auth/permissions";
import { changeRoleAction } from "@/lib/tenancy/actions";
import { changeRoleSchema, type ChangeRoleInput } from "@/lib/tenancy/schemas";
import { Modal } from "../dialog";
import { FormAlert } from "../form-alert";
import { ROLE_OPTIONS, roleLabel } from "../format";
import { SelectField } from "../select-field";

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
    <Modal
      open={open}
      onOpenChange={(o) => {
        if (isSubmitting) return;
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
    >
      <form className="space-y-4" onSubmit={onSubmit} noValidate>
        <FormAlert message={errors.root?.server?.message ?? errors.role?.message} />
        <SelectField label="Role" options={ROLE_OPTIONS} {...form.register("role")} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" disabled={isSubmitting || role === member.role}>
            {isSubmitting ? "Saving…" : "Save role"}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
