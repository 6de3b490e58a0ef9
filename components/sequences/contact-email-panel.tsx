// The contact page's "Email" panel: their email preferences and the sequences they are in.
import "server-only";
import Link from "next/link";
import { Panel } from "@/components/record/panels";
import { Badge } from "@/components/ui/badge";
import { can } from "@/lib/auth/permissions";
import { getEmailPreferences } from "@/lib/email/preferences";
import { listEnrollments } from "@/lib/sequences/queries";
import { listSequences } from "@/lib/sequences/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { EmailPreferencesForm } from "./email-preferences-form";

export async function ContactEmailPanel({ ctx, contactId }: { ctx: TenantContext; contactId: string }) {
  const canSeeSequences = can(ctx.actor.role, "sequences.read");
  const [prefs, enrollments, sequences] = await Promise.all([
    getEmailPreferences(ctx, contactId),
    canSeeSequences ? listEnrollments(ctx, { contactId }, 20) : [],
    canSeeSequences ? listSequences(ctx) : [],
  ]);
  const names = new Map(sequences.map((q) => [q.id, q.name]));
  return (
    <Panel title="Email" id="email-panel-heading">
      <EmailPreferencesForm contactId={contactId} initial={prefs} canEdit={can(ctx.actor.role, "records.write")} />
      {enrollments.length ? (
        <ul aria-label="Sequences" className="mt-3 space-y-1 text-sm">
          {enrollments.map((e) => (
            <li key={e.id} className="flex items-center justify-between gap-2">
              <Link href={`/sequences/${e.sequenceId}`} className="text-brand-700 hover:underline">
                {names.get(e.sequenceId) ?? "Sequence"}
              </Link>
              <Badge tone={e.status === "ACTIVE" ? "brand" : e.status === "COMPLETED" ? "green" : "amber"}>{e.status === "ACTIVE" ? `Step ${e.nextStep + 1}` : e.status === "COMPLETED" ? "Completed" : "Stopped"}</Badge>
            </li>
          ))}
        </ul>
      ) : null}
    </Panel>
  );
}
