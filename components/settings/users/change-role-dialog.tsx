"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { Role } from "@/lib/auth/permissions";
import { FormDialog } from "@/components/ui/form-dialog";
import { ROLE_OPTIONS } from "../format";
import { SelectField } from "@/components/ui/select-field";

/** Role change in a dialog, so moving through a select with the keyboard never fires a change. */
export function ChangeRoleDialog({ member, onSave }: { member: { name: string; role: Role }; onSave: (role: Role) => Promise<string | null> }) {
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState<Role>(member.role);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) {
          setRole(member.role);
          setError(undefined);
        }
      }}
      title={`Change the role of ${member.name}`}
      description="The new role applies at their next request."
      trigger={
        <Button size="sm" variant="secondary" aria-label={`Change role of ${member.name}`}>
          Change role
        </Button>
      }
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        const err = await onSave(role).finally(() => setPending(false));
        if (err) setError(err);
        else setOpen(false);
      }}
      pending={pending}
      error={error}
      submitLabel="Save role"
      pendingLabel="Saving…"
      submitDisabled={role === member.role}
    >
      <SelectField label="Role" name="role" value={role} onChange={(e) => setRole(e.target.value as Role)} options={ROLE_OPTIONS} />
    </FormDialog>
  );
}
