import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EnrollDialog } from "@/components/sequences/enroll-dialog";
import { PauseSequenceButton } from "@/components/sequences/pause-button";
import { SequenceDialog } from "@/components/sequences/sequence-dialog";
import { StopEnrollmentButton } from "@/components/sequences/stop-enrollment-button";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { MaybeDateTime } from "@/components/ui/date-time";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { listLists } from "@/lib/lists/queries";
import { emailFormOptions } from "@/lib/campaigns/form-options";
import { listEnrollments, sequenceFigures } from "@/lib/sequences/queries";
import { sequenceJson } from "@/lib/sequences/view";

export const metadata: Metadata = { title: "Sequence" };

const delayLabel = (d: number, h: number) => (d || h ? `after ${[d ? `${d} day${d === 1 ? "" : "s"}` : "", h ? `${h} hour${h === 1 ? "" : "s"}` : ""].filter(Boolean).join(" ")}` : "at once");
const STOP_LABEL: Record<string, string> = { REPLIED: "replied", BOUNCED: "bounced", UNSUBSCRIBED: "unsubscribed", STAGE_CHANGED: "deal stage changed", MANUAL: "stopped by hand", SUPPRESSED: "address suppressed", NO_EMAIL: "no email address" };

export default async function SequencePage({ params }: { params: Promise<{ id: string }> }) {
  const s = await requirePageSession();
  const { id } = await params;
  const { sequence, figures } = await sequenceFigures(s.ctx, id).catch((err) => {
    if (err instanceof AppError && err.code === "not-found") notFound();
    throw err;
  });
  const canEnroll = can(s.role, "sequences.enroll");
  const canManage = can(s.role, "sequences.manage");
  const [enrollments, lists, options] = await Promise.all([listEnrollments(s.ctx, { sequenceId: id }), canEnroll ? listLists(s.ctx, { objectType: "CONTACT" }) : [], canManage ? emailFormOptions(s.ctx) : null]);
  const json = sequenceJson(sequence);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/sequences" className="text-brand-700 hover:underline">
          ← Sequences
        </Link>
      </p>
      <PageHeader
        title={sequence.name}
        description={`${json.paused ? "Paused: due steps wait until it is resumed. " : ""}${figures.enrolled} enrolled: ${figures.active} in it now, ${figures.completed} completed, ${figures.stopped} stopped.`}
        actions={
          <div className="flex flex-wrap gap-2">
            {options ? <SequenceDialog mailboxes={options.mailboxes} sequence={json} /> : null}
            {options ? <PauseSequenceButton sequence={json} /> : null}
            {canEnroll ? <EnrollDialog mode="list" sequenceId={id} lists={lists.map((l) => ({ id: l.id, name: l.name, memberCount: l.memberCount }))} /> : null}
          </div>
        }
      />
      {json.paused ? (
        <p role="status" className="mb-4 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          This sequence is paused: nothing is sent or created for anyone until it is resumed.
        </p>
      ) : null}
      <section aria-labelledby="steps-heading" className="mb-4 overflow-x-auto rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="steps-heading" className="mb-2 font-medium text-slate-900">
          Steps
        </h2>
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-slate-500">
              <th scope="col" className="py-1 pr-3 font-medium">Step</th>
              <th scope="col" className="py-1 pr-3 font-medium">When</th>
              {["Enrolled", "Sent", "Opened", "Clicked", "Replied"].map((h) => (
                <th key={h} scope="col" className="py-1 pr-3 text-right font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sequence.steps.map((step, i) => {
              const f = figures.steps[i]!;
              return (
                <tr key={step.id} className="border-t border-slate-100">
                  <th scope="row" className="py-1 pr-3 text-left font-normal">
                    {i + 1}. {step.kind === "EMAIL" ? "Email" : "Task"}: {step.subject}
                  </th>
                  <td className="py-1 pr-3">{delayLabel(step.delayDays, step.delayHours)}</td>
                  {[f.enrolled, f.sent, f.opened, f.clicked, f.replied].map((n, k) => (
                    <td key={k} className="py-1 pr-3 text-right tabular-nums">
                      {step.kind === "TASK" && k > 0 ? "—" : n}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="enrolled-heading" className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="enrolled-heading" className="mb-2 font-medium text-slate-900">
          People
        </h2>
        {enrollments.length === 0 ? (
          <p className="text-sm text-slate-600">Nobody is enrolled yet.</p>
        ) : (
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-slate-500">
                <th scope="col" className="py-1 pr-3 font-medium">Contact</th>
                <th scope="col" className="py-1 pr-3 font-medium">Status</th>
                <th scope="col" className="py-1 pr-3 font-medium">Next step</th>
                <th scope="col" className="py-1 pr-3 font-medium">Enrolled</th>
                <th scope="col" className="py-1 pr-3 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {enrollments.map((e) => (
                <tr key={e.id} className="border-t border-slate-100">
                  <td className="py-1 pr-3">
                    <Link className="text-brand-700 hover:underline" href={`/contacts/${e.contactId}`}>
                      {e.contactName}
                    </Link>
                  </td>
                  <td className="py-1 pr-3">
                    <Badge tone={e.status === "ACTIVE" ? "brand" : e.status === "COMPLETED" ? "green" : "amber"}>
                      {e.status === "ACTIVE" ? "Active" : e.status === "COMPLETED" ? "Completed" : `Stopped: ${STOP_LABEL[e.stopReason ?? ""] ?? "stopped"}`}
                    </Badge>
                  </td>
                  <td className="py-1 pr-3">
                    {e.status === "ACTIVE" ? (
                      <>
                        Step {e.nextStep + 1}, <MaybeDateTime value={e.nextRunAt} />
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="py-1 pr-3">
                    <MaybeDateTime value={e.enrolledAt} />
                  </td>
                  <td className="py-1 pr-3 text-right">{canEnroll && e.status === "ACTIVE" ? <StopEnrollmentButton id={e.id} name={e.contactName} /> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
