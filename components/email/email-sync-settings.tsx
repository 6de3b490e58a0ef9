"use client";
// Settings → Email (admins): how far back a mailbox's first sync reads, which domains are
// never logged, and what others see of a private mailbox's messages.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { TextField, TextareaField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { actionMessage } from "@/lib/action-result";
import { updateEmailSyncSettingsAction } from "@/lib/email/sync-actions";
import type { EmailSyncSettingsView } from "@/lib/email/sync-service";

const SHARING = [
  { value: "FULL", label: "Share the full message" },
  { value: "SUBJECT", label: "Share the subject only" },
  { value: "NONE", label: "Share nothing" },
] as const;

export function EmailSyncSettingsForm({ initial }: { initial: EmailSyncSettingsView }) {
  const router = useRouter();
  const [days, setDays] = useState(String(initial.syncDays));
  const [sharing, setSharing] = useState<EmailSyncSettingsView["privateSharing"]>(initial.privateSharing);
  const [domains, setDomains] = useState(initial.excludedDomains.join("\n"));
  const [busy, setBusy] = useState(false);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const r = await updateEmailSyncSettingsAction({
        syncDays: Number(days),
        privateSharing: sharing,
        excludedDomains: domains.split(/[\s,]+/).map((d) => d.trim().replace(/^@/, "")).filter(Boolean),
      });
      const failure = actionMessage(r);
      if (failure) toast.error(failure);
      else toast.success("Email sync settings saved");
    } finally {
      setBusy(false);
      router.refresh();
    }
  };
  return (
    <form onSubmit={(e) => void save(e)} className="mt-6 space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="email-sync-settings">
      <h2 id="email-sync-settings" className="font-medium text-slate-900">
        Email sync
      </h2>
      <TextField label="First sync reads the last (days)" type="number" min={1} max={3650} value={days} onChange={(e) => setDays(e.target.value)} />
      <SelectField
        label="Private mailboxes' messages, for users other than the owner"
        options={SHARING}
        value={sharing}
        onChange={(e) => setSharing(e.target.value as EmailSyncSettingsView["privateSharing"])}
      />
      <TextareaField label="Never log mail with these domains" hint="One domain a line, like example.com" rows={3} value={domains} onChange={(e) => setDomains(e.target.value)} />
      <Button type="submit" disabled={busy}>
        Save
      </Button>
    </form>
  );
}
