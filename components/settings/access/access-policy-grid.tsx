"use client";

import { useAction } from "next-safe-action/hooks";
import { SelectField } from "@/components/ui/select-field";
import { toastResult } from "@/components/ui/toast-result";
import { putAccessPolicyAction } from "@/lib/tenancy/actions";
import {
  ACCESS_RECORD_TYPES,
  ACCESS_ROLES,
  ACCESS_SCOPES,
  accessSummary,
  ROLE_PLURAL,
  TYPE_PLURAL,
  type AccessPolicy,
  type AccessRecordType,
  type AccessRole,
  type AccessScope,
} from "@/lib/tenancy/access-schemas";

const SCOPE_LABEL: Record<AccessScope, string> = { own: "Own", team: "Team", all: "All" };
const options = ACCESS_SCOPES.map((s) => ({ value: s, label: SCOPE_LABEL[s] }));

/** Settings → Access: one row per role and record type, read and write scope, and the row in words. */
export function AccessPolicyGrid({ policy }: { policy: AccessPolicy }) {
  const put = useAction(putAccessPolicyAction);

  async function change(role: AccessRole, type: AccessRecordType, which: "read" | "write", value: AccessScope) {
    const next = { ...policy[role][type], [which]: value };
    // one cannot edit what one cannot see: a narrower read narrows the write with it
    const rank = { own: 0, team: 1, all: 2 } as const;
    if (which === "read" && rank[next.write] > rank[next.read]) next.write = next.read;
    if (role === "readonly") next.write = next.read;
    toastResult(await put.executeAsync({ [role]: { [type]: next } }), accessSummary(role, type, next));
  }

  return (
    <div className="space-y-6">
      {ACCESS_ROLES.map((role) => (
        <section key={role} aria-labelledby={`access-${role}`} className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id={`access-${role}`} className="font-semibold">
            {ROLE_PLURAL[role]}
          </h2>
          <ul className="mt-2 divide-y divide-slate-100">
            {ACCESS_RECORD_TYPES.map((type) => {
              const s = policy[role][type];
              const name = `${ROLE_PLURAL[role]}, ${TYPE_PLURAL[type]}`;
              return (
                <li key={type} className="grid gap-2 py-2 sm:grid-cols-[8rem_8rem_8rem_1fr] sm:items-end">
                  <span className="text-sm font-medium capitalize text-slate-900">{TYPE_PLURAL[type]}</span>
                  <SelectField label="Read" aria-label={`${name}: read`} value={s.read} disabled={put.isPending} options={options} onChange={(e) => void change(role, type, "read", e.target.value as AccessScope)} />
                  {role === "readonly" ? (
                    <span className="text-sm text-slate-500">Never edit</span>
                  ) : (
                    <SelectField
                      label="Write"
                      aria-label={`${name}: write`}
                      value={s.write}
                      disabled={put.isPending}
                      options={options.filter((o) => ({ own: 0, team: 1, all: 2 })[o.value] <= ({ own: 0, team: 1, all: 2 })[s.read])}
                      onChange={(e) => void change(role, type, "write", e.target.value as AccessScope)}
                    />
                  )}
                  <p className="text-sm text-slate-600" data-testid={`access-summary-${role}-${type}`}>
                    {accessSummary(role, type, s)}
                  </p>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
