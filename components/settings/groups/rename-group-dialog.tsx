"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { renameGroupAction } from "@/lib/tenancy/actions";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/components/ui/use-form-action";
import { TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { renameGroupSchema } from "@/lib/tenancy/schemas";

type Input = z.input<typeof renameGroupSchema>;

export function RenameGroupDialog({ group }: { group: { id: string; name: string } }) {
  const [open, setOpen] = useState(false);
  const form = useForm<Input>({ resolver: zodResolver(renameGroupSchema), defaultValues: { groupId: group.id, name: group.name } });
  const action = useFormAction(renameGroupAction, form);
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    const r = await action.run(values);
    if (!r.ok) return;
    toast.success(`Renamed to ${values.name}`);
    setOpen(false);
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) form.reset({ groupId: group.id, name: group.name });
      }}
      title={`Rename ${group.name}`}
      trigger={
        <Button size="sm" variant="secondary" aria-label={`Rename group ${group.name}`}>
          Rename
        </Button>
      }
      onSubmit={onSubmit}
      pending={isSubmitting}
      error={errors.root?.server?.message}
      submitLabel="Save name"
      pendingLabel="Saving…"
    >
      <TextField label="Group name" autoComplete="off" {...form.register("name")} error={errors.name?.message} />
    </FormDialog>
  );
}
