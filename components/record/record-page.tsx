// The record page (/<collection>/[id]) shared by the five kinds: a server component that
// loads the first screen and hands the interactive parts to client components.
import "server-only";
import { notFound, redirect } from "next/navigation";
import { ActivityComposer } from "@/components/activities/activity-composer";
import { ComposeEmailButton } from "@/components/email/compose-email-button";
import { ContactEmailPanel } from "@/components/sequences/contact-email-panel";
import { EnrollButton } from "@/components/sequences/enroll-button";
import { KIND_WORDS } from "@/components/record-form/fields";
import { PageHeader } from "@/components/shell/page-header";
import { Timeline } from "@/components/timeline/timeline";
import { requirePageSession } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { RecordKind } from "@/lib/records/registry";
import { isUuid } from "@/lib/uuid";
import { AccessExplainButton } from "./access-explain-dialog";
import { DeleteRecordButton } from "./delete-record-button";
import { PrivacyControls } from "./privacy-controls";
import { Badge } from "@/components/ui/badge";
import { can } from "@/lib/auth/permissions";
import { ERASED } from "@/lib/privacy/erased";
import { FollowControl } from "./follow-control";
import { keyFacts } from "./key-facts";
import { loadRecordPage, type RecordPageData } from "@/lib/records/page-data";
import { Followers, Panel, RelatedRecords, StageHistory } from "./panels";
import { PinnedNotes } from "@/components/timeline/pinned-notes";
import { RecordFieldsPanel } from "./record-fields-panel";
import { RoutingPanels } from "./routing-panels";
import { StagePicker } from "./stage-picker";
import { ConvertLeadDialog } from "@/components/leads/convert-lead-dialog";
import { DisqualifyLeadDialog } from "@/components/leads/disqualify-lead-dialog";
import { LeadOutcome } from "@/components/leads/lead-outcome";
import { MergeWith } from "@/components/merge/merge-with";
import { RecordMergePanels } from "@/components/merge/record-merge-panels";
import { recordPath } from "@/lib/records/kinds";

export async function RecordPage({ kind, id }: { kind: RecordKind; id: string }) {
  const s = await requirePageSession();
  if (!isUuid(id)) notFound();
  let data: RecordPageData;
  try {
    data = await loadRecordPage(s, kind, id);
  } catch (err) {
    // a merged record's page is its survivor's (lib/merge)
    if (err instanceof AppError && typeof err.extensions.mergedIntoId === "string") redirect(recordPath(kind, err.extensions.mergedIntoId));
    if (err instanceof AppError && err.code === "not-found") notFound();
    throw err;
  }
  const words = KIND_WORDS[kind];
  const mergeable = kind === "CONTACT" || kind === "COMPANY" || kind === "LEAD";
  const { record, pipeline } = data;
  const userNames = Object.fromEntries(data.members.map((m) => [m.id, m.name]));
  const groupNames = Object.fromEntries(data.groups.map((g) => [g.id, g.name]));
  const owner = record.ownedByUserId ? userNames[record.ownedByUserId as string] : record.ownedByGroupId ? `${groupNames[record.ownedByGroupId as string]} (group)` : null;
  const following = data.watchers.some((w) => w.principalType === "USER" && w.principalId === s.user.id);
  const activeUsers = data.members.filter((m) => m.isActive).map((m) => ({ id: m.id, name: m.name }));
  const facts = keyFacts(kind, record, data.refLabels);
  const erased = kind === "CONTACT" && record.email === ERASED && record.firstName === ERASED;
  // A meeting's attendees are suggested from the workspace's members and the record's contacts.
  const people = [
    ...activeUsers.map((u) => u.name),
    ...(kind === "CONTACT" ? [data.title] : []),
    ...data.related.filter((g) => g.kind === "CONTACT").flatMap((g) => g.items.map((r) => r.title)),
  ];

  return (
    <div className="space-y-4">
      <div>
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">
          {words.singular}
          {erased ? <Badge className="ml-2">Erased</Badge> : null}
        </p>
        <PageHeader
          title={data.title}
          description={[...facts, `Owner: ${owner ?? "nobody"}`].join(" · ")}
          actions={
            <>
              <FollowControl
                kind={kind}
                id={id}
                meId={s.user.id}
                following={following}
                canWatch={data.can.watch}
                groups={data.groups.map((g) => ({ id: g.id, name: g.name, following: data.watchers.some((w) => w.principalType === "GROUP" && w.principalId === g.id) }))}
              />
              {(kind === "CONTACT" || kind === "LEAD" || kind === "DEAL") && data.can.log && can(s.role, "email.send") ? <ComposeEmailButton ctx={s.ctx} kind={kind} id={id} /> : null}
              {kind === "CONTACT" && data.can.log && can(s.role, "sequences.enroll") ? <EnrollButton ctx={s.ctx} contactId={id} /> : null}
              {can(s.role, "settings.manage") ? <AccessExplainButton kind={kind} id={id} title={data.title} /> : null}
              {kind === "LEAD" && data.can.edit && record.status !== "converted" && record.status !== "unqualified" ? (
                <>
                  <ConvertLeadDialog id={id} title={data.title} />
                  <DisqualifyLeadDialog id={id} title={data.title} />
                </>
              ) : null}
              {kind === "CONTACT" ? <PrivacyControls id={id} title={data.title} canErase={can(s.role, "records.erase")} erased={erased} /> : null}
              {data.can.delete && mergeable ? <MergeWith kind={kind} id={id} title={data.title} /> : null}
              {data.can.delete ? <DeleteRecordButton kind={kind} id={id} singular={words.singular} collection={words.collection} title={data.title} /> : null}
            </>
          }
        />
        {kind === "LEAD" ? <LeadOutcome record={record} /> : null}
      </div>
      {/* The main column (composer, pinned notes, timeline) comes first: at 1280×720 it is on screen without scrolling. */}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <section aria-labelledby="timeline-heading" className="min-w-0 space-y-3">
          <h2 id="timeline-heading" className="sr-only">
            Timeline
          </h2>
          {data.can.log ? <ActivityComposer kind={kind} recordId={id} me={{ id: s.user.id, name: s.user.name }} users={activeUsers} groups={data.groups} people={[...new Set(people)]} /> : null}
          <PinnedNotes kind={kind} id={id} initial={data.pinned} canPin={data.can.log} />
          <Timeline kind={kind} id={id} initial={data.timeline} canLog={data.can.log} />
        </section>
        <aside className="space-y-4" aria-label={`About this ${words.singular}`}>
          {pipeline && (kind === "DEAL" || kind === "LEAD" || kind === "TICKET") ? (
            <Panel title="Stage" id="stage-heading">
              <StagePicker
                kind={kind}
                id={id}
                title={data.title}
                pipelineName={pipeline.pipeline.name}
                stages={pipeline.pipeline.stages}
                currentStageId={pipeline.currentStageId}
                allowedStageIds={pipeline.allowedStageIds}
                canMove={data.can.move}
                canOverride={data.can.override}
                definitions={data.definitions}
                users={activeUsers}
              />
            </Panel>
          ) : null}
          <Panel title="Details" id="details-heading">
            <RecordFieldsPanel kind={kind} id={id} values={record} definitions={data.definitions} users={activeUsers} refLabels={data.refLabels} canEdit={data.can.edit} />
          </Panel>
          <RoutingPanels ctx={s.ctx} kind={kind} id={id} />
          {kind === "CONTACT" && !erased ? <ContactEmailPanel ctx={s.ctx} contactId={id} /> : null}
          <Followers watchers={data.watchers} />
          {pipeline ? <StageHistory entries={pipeline.history} userNames={userNames} /> : null}
          {mergeable ? <RecordMergePanels session={s} kind={kind} id={id} userNames={userNames} /> : null}
          <RelatedRecords groups={data.related} />
        </aside>
      </div>
    </div>
  );
}
