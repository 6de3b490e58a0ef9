"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { Role } from "@/lib/auth/permissions";
import { Modal } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { ROLE_OPTIONS } from "../format";
import { SelectField } from "@/components/ui/select-field";

/** Role change in a dialog, so moving through a select with the keyboard never fires a change. */
export function ChangeRoleDialog({ member, onSave }: { member: { name: string; role: Role }; onSave: (role: Role) => Promise<string | null> }) {
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState<Role>(member.role);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  return (
    <Modal
      open={open}
      onOpenChange={(o) => {
        if (pending) return;
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
    >
      <form
        className="space-y-4"
        onSubmit={async (e) => {
          e.preventDefault();
          setPending(true);
          const err = await onSave(role).finally(() => setPending(false));
          if (err) setError(err);
          else setOpen(false);
        }}
      >
        <FormAlert message={error} />
        <SelectField label="Role" name="role" value={role} onChange={(e) => setRole(e.target.value as Role)} options={ROLE_OPTIONS} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending || role === member.role}>
            {pending ? "Saving…" : "Save role"}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
