"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { KeyRound, TriangleAlert } from "lucide-react";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { createApiKeyAction } from "@/lib/tenancy/actions";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/components/ui/use-form-action";
import { TextField } from "@/components/ui/field";
import { apiKeyCreateSchema } from "@/lib/tenancy/schemas";
import { CopyField } from "../copy-field";
import { Modal } from "@/components/ui/dialog";
import { DialogForm } from "@/components/ui/form-dialog";
import { ROLE_OPTIONS, roleLabel } from "../format";
import { SelectField } from "@/components/ui/select-field";

type Input = z.input<typeof apiKeyCreateSchema>;

/** Settings → API keys → New: a workspace key with a role, or a key that acts as a member (their role and access scope). */
export function CreateApiKeyDialog({ users = [] }: { users?: { userId: string; name: string; email: string }[] }) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<{ name: string; role: NonNullable<Input["role"]>; key: string } | null>(null);
  const form = useForm<Input>({ resolver: zodResolver(apiKeyCreateSchema), defaultValues: { name: "", role: "readonly", userId: undefined } });
  const actsAs = useWatch({ control: form.control, name: "userId" });
  const action = useFormAction(createApiKeyAction, form);
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    const r = await action.run(values.userId ? { name: values.name, userId: values.userId } : values);
    if (!r.ok) return;
    setCreated(r.data);
    form.reset();
  });

  return (
    <Modal
      open={open}
      onOpenChange={(o) => {
        if (isSubmitting) return;
        setOpen(o);
        if (!o) {
          // The key leaves memory when the dialog closes: it cannot be shown again.
          setCreated(null);
          form.reset();
        }
      }}
      title={created ? `API key ${created.name}` : "New API key"}
      description={created ? undefined : "Give it a name you will recognise and the least role it needs."}
      trigger={
        <Button>
          <KeyRound className="size-4" aria-hidden /> New API key
        </Button>
      }
    >
      {created ? (
        <div className="space-y-4">
          <p role="status" className="flex gap-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
            <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
            <span>
              Copy this key now: it is shown only once and Stageline keeps only a hash of it. Anyone holding it can act as a {roleLabel(created.role).toLowerCase()} in this
              workspace; store it like a password, and revoke it if it leaks.
            </span>
          </p>
          <CopyField label="API key" value={created.key} />
          <div className="flex justify-end">
            <Button onClick={() => setOpen(false)}>I have copied it</Button>
          </div>
        </div>
      ) : (
        <DialogForm onSubmit={onSubmit} onCancel={() => setOpen(false)} pending={isSubmitting} error={errors.root?.server?.message} submitLabel="Create key" pendingLabel="Creating…">
          <TextField label="Key name" autoComplete="off" {...form.register("name")} error={errors.name?.message} />
          <SelectField
            label="Acts as"
            hint="A key of a member has their role and sees only what they may see; a workspace key has its role and sees every record."
            options={[{ value: "", label: "Nobody: a workspace key" }, ...users.map((u) => ({ value: u.userId, label: `${u.name} (${u.email})` }))]}
            {...form.register("userId", { setValueAs: (v: string) => v || undefined })}
            error={errors.userId?.message}
          />
          {actsAs ? null : <SelectField label="Role" options={ROLE_OPTIONS} {...form.register("role")} error={errors.role?.message} />}
        </DialogForm>
      )}
    </Modal>
  );
}
