"use client";

import { useAction } from "next-safe-action/hooks";
import { revokeApiKeyAction } from "@/lib/tenancy/actions";
import type { Role } from "@/lib/auth/permissions";
import { Badge } from "@/components/ui/badge";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { roleLabel } from "../format";
import { DateTime, MaybeDateTime } from "@/components/ui/date-time";
import { toastResult } from "@/components/ui/toast-result";

export interface ApiKeyRow {
  id: string;
  name: string;
  role: Role;
  keyPrefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export function ApiKeysTable({ keys }: { keys: ApiKeyRow[] }) {
  const revoke = useAction(revokeApiKeyAction);
  if (keys.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">No API keys yet.</p>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">API keys of this workspace</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2">Name</th>
            <th scope="col" className="px-4 py-2">Role</th>
            <th scope="col" className="px-4 py-2">Key</th>
            <th scope="col" className="px-4 py-2">Created</th>
            <th scope="col" className="px-4 py-2">Last used</th>
            <th scope="col" className="px-4 py-2">Status</th>
            <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {keys.map((k) => (
            <tr key={k.id} className={k.revokedAt ? "text-slate-500" : undefined}>
              <th scope="row" className="px-4 py-2 text-left font-medium text-slate-900">{k.name}</th>
              <td className="px-4 py-2">{roleLabel(k.role)}</td>
              <td className="px-4 py-2 font-mono text-xs">{k.keyPrefix}…</td>
              <td className="px-4 py-2 whitespace-nowrap"><DateTime value={k.createdAt} />
              </td>
              <td className="px-4 py-2 whitespace-nowrap"><MaybeDateTime value={k.lastUsedAt} empty="Never" /></td>
              <td className="px-4 py-2">{k.revokedAt ? <Badge tone="red">Revoked <DateTime value={k.revokedAt} /></Badge> : <Badge tone="green">Active</Badge>}</td>
              <td className="px-4 py-2 text-right">
                {k.revokedAt ? null : (
                  <ConfirmButton
                    label="Revoke"
                    ariaLabel={`Revoke API key ${k.name}`}
                    title={`Revoke the API key ${k.name}?`}
                    description="Requests with this key are refused from now on (401). This cannot be undone; create a new key if you need one."
                    confirmLabel="Revoke key"
                    onConfirm={async () => toastResult(await revoke.executeAsync({ apiKeyId: k.id }), `API key ${k.name} revoked`)}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
