"use client";
// A contact's email preferences on their page: each box saves as it changes.
import { useState } from "react";
import { toastResult } from "@/components/ui/toast-result";
import { setEmailPreferencesAction } from "@/lib/email/actions";

const LABELS = { marketingEmails: "Marketing emails (and sequences)", productUpdates: "Product updates", newsletter: "Newsletter" } as const;
type Prefs = Record<keyof typeof LABELS, boolean>;

export function EmailPreferencesForm({ contactId, initial, canEdit }: { contactId: string; initial: Prefs; canEdit: boolean }) {
  const [prefs, setPrefs] = useState(initial);
  const [pending, setPending] = useState(false);
  const change = async (key: keyof Prefs, value: boolean) => {
    setPending(true);
    const r = await setEmailPreferencesAction({ contactId, preferences: { [key]: value } });
    setPending(false);
    if (toastResult(r, "Email preferences saved") && r?.data) setPrefs(r.data);
  };
  return (
    <fieldset className="space-y-1 text-sm" disabled={!canEdit || pending}>
      <legend className="mb-1 text-slate-600">Receives</legend>
      {(Object.keys(LABELS) as (keyof Prefs)[]).map((k) => (
        <label key={k} className="flex items-center gap-2">
          <input type="checkbox" checked={prefs[k]} onChange={(e) => change(k, e.target.checked)} /> {LABELS[k]}
        </label>
      ))}
    </fieldset>
  );
}
