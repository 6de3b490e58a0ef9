"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { UserPlus } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { inviteAction } from "@/lib/tenancy/actions";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/components/ui/use-form-action";
import { TextField } from "@/components/ui/field";
import { inviteSchema, type InviteInput } from "@/lib/tenancy/schemas";
import { CopyField } from "../copy-field";
import { Modal } from "@/components/ui/dialog";
import { DialogForm } from "@/components/ui/form-dialog";
import { ROLE_OPTIONS, roleLabel } from "../format";
import { DateTime } from "@/components/ui/date-time";
import { SelectField } from "@/components/ui/select-field";

interface Created {
  link: string;
  email: string;
  role: InviteInput["role"];
  expiresAt: string;
}

/**
 * "Add user": every addition is an invitation by link, and the dialog answers the same
 * whether or not the email already has a Stageline account (it never says which).
 * Stageline sends no email here: the link is shown once, for the admin to pass on; only a
 * hash of its token is stored, so it cannot be shown again.
 */
export function AddUserDialog() {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const form = useForm<InviteInput>({ resolver: zodResolver(inviteSchema), defaultValues: { email: "", role: "sales_rep" } });
  const action = useFormAction(inviteAction, form);
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    const r = await action.run(values);
    if (!r.ok) return;
    setCreated({ link: `${window.location.origin}/invite/${r.data.token}`, email: r.data.email, role: r.data.role, expiresAt: r.data.expiresAt });
    form.reset();
  });

  return (
    <Modal
      open={open}
      onOpenChange={(o) => {
        if (isSubmitting) return;
        setOpen(o);
        if (!o) {
          setCreated(null);
          form.reset();
        }
      }}
      title={created ? "Invitation link" : "Add a user"}
      description={
        created
          ? undefined
          : "You get an invitation link to pass on yourself (chat, email): Stageline sends no email. Whoever opens it joins by creating their own account — or, if they already have one, by signing in to it. It works once and expires after 7 days."
      }
      trigger={
        <Button>
          <UserPlus className="size-4" aria-hidden /> Add user
        </Button>
      }
    >
      {created ? (
        <div className="space-y-4">
          <p role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
            <strong>{created.email}</strong> is invited as {roleLabel(created.role).toLowerCase()}. Copy this link now: it is shown only this once, and
            Stageline does not email it. Send it to them; it expires <DateTime value={created.expiresAt} mode="absolute" />.
          </p>
          <CopyField label="Invitation link" value={created.link} />
          <div className="flex justify-end">
            <Button onClick={() => setOpen(false)}>Done</Button>
          </div>
        </div>
      ) : (
        <DialogForm onSubmit={onSubmit} onCancel={() => setOpen(false)} pending={isSubmitting} error={errors.root?.server?.message} submitLabel="Create invitation link" pendingLabel="Creating…">
          <TextField label="Email" type="email" autoComplete="off" {...form.register("email")} error={errors.email?.message} />
          <SelectField label="Role" options={ROLE_OPTIONS} {...form.register("role")} error={errors.role?.message} />
        </DialogForm>
      )}
    </Modal>
  );
}
