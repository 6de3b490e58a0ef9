"use client";

import { useAction } from "next-safe-action/hooks";
import { revokeInvitationAction } from "@/lib/tenancy/actions";
import type { Role } from "@/lib/auth/permissions";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { roleLabel } from "../format";
import { DateTime } from "@/components/ui/date-time";
import { toastResult } from "@/components/ui/toast-result";

export interface InvitationRow {
  id: string;
  email: string;
  role: Role;
  createdAt: Date;
  expiresAt: Date;
}

export function PendingInvitations({ invitations }: { invitations: InvitationRow[] }) {
  const revoke = useAction(revokeInvitationAction);
  return (
    <section aria-labelledby="pending-invitations" className="mt-8">
      <h2 id="pending-invitations" className="mb-2 text-base font-semibold">
        Pending invitations
      </h2>
      {invitations.length === 0 ? (
        <p className="text-sm text-slate-600">No pending invitations.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {invitations.map((inv) => (
            <li key={inv.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
              <span>
                <span className="font-medium">{inv.email}</span> · {roleLabel(inv.role)} · invited <DateTime value={inv.createdAt} /> · expires <DateTime value={inv.expiresAt} mode="absolute" />
              </span>
              <ConfirmButton
                label="Revoke"
                ariaLabel={`Revoke the invitation of ${inv.email}`}
                title={`Revoke the invitation of ${inv.email}?`}
                description="The link stops working at once. You can invite them again later."
                confirmLabel="Revoke invitation"
                onConfirm={async () => toastResult(await revoke.executeAsync({ invitationId: inv.id }), "Invitation revoked")}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
