"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { UserPlus } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { addMemberAction } from "@/app/(crm)/settings/users/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { addMemberSchema, type AddMemberInput } from "@/lib/tenancy/schemas";
import { applyActionErrors } from "../action-result";
import { Modal } from "../dialog";
import { FormAlert } from "../form-alert";
import { ROLE_OPTIONS } from "../format";
import { SelectField } from "../select-field";

export function AddMemberDialog() {
  const [open, setOpen] = useState(false);
  const action = useAction(addMemberAction);
  const form = useForm<AddMemberInput>({ resolver: zodResolver(addMemberSchema), defaultValues: { name: "", email: "", role: "sales_rep", password: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    const r = await action.executeAsync(values);
    if (applyActionErrors(r, form.setError)) return;
    toast.success(r.data?.createdUser ? `${values.email} can now sign in with the initial password` : `${values.email} already had an account: they were added and keep their own password`);
    form.reset();
    setOpen(false);
  });

  return (
    <Modal
      open={open}
      onOpenChange={(o) => {
        if (isSubmitting) return;
        setOpen(o);
        if (!o) form.reset();
      }}
      title="Add a user"
      description="Creates the account with an initial password for you to pass on. If the email already has a Stageline account, that person is added and keeps their own name and password."
      trigger={
        <Button>
          <UserPlus className="size-4" aria-hidden /> Add user
        </Button>
      }
    >
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <FormAlert message={errors.root?.server?.message} />
        <TextField label="Name" autoComplete="off" {...form.register("name")} error={errors.name?.message} />
        <TextField label="Email" type="email" autoComplete="off" {...form.register("email")} error={errors.email?.message} />
        <SelectField label="Role" options={ROLE_OPTIONS} {...form.register("role")} error={errors.role?.message} />
        <TextField
          label="Initial password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters, letters mixed with digits or symbols. Used only for a new account."
          {...form.register("password")}
          error={errors.password?.message}
        />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? "Adding…" : "Add user"}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
