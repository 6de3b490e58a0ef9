// Everything a record page shows on its first screen, read on the server through the
// services (each in withTenant). Server-only: imported by the [id] pages.
import "server-only";
import { eq } from "drizzle-orm";
import { can } from "@/lib/auth/permissions";
import type { SessionInfo } from "@/lib/auth/session";
import { customFieldJson, listCustomFields } from "@/lib/custom-fields/service";
import type { FieldDefinitionLike } from "@/lib/custom-fields/rules";
import { AppError } from "@/lib/errors";
import { labelFor } from "@/lib/format/labels";
import { formatMoney } from "@/lib/format/money";
import { allowedTargets } from "@/lib/pipelines/rules";
import { getPipeline, recordStageTimeline, type PipelineJson, type TimelineEntry as StageEntry } from "@/lib/pipelines/queries";
import type { PipelineKind } from "@/lib/pipelines/move-record";
import { listRecords } from "@/lib/records/queries";
import { columnOf, RECORD_KINDS, type RecordKind } from "@/lib/records/registry";
import { getRecord, type RecordRow } from "@/lib/records/service";
import { listGroups } from "@/lib/tenancy/groups";
import { listMembers } from "@/lib/tenancy/members";
import { pinnedNotes } from "@/lib/timeline/pinned";
import { recordTimeline, type TimelineEntry, type TimelinePage } from "@/lib/timeline/queries";
import { listWatchers, type Watcher } from "@/lib/watchers/service";

export interface RelatedItem {
  kind: RecordKind;
  id: string;
  title: string;
  subtitle: string | null;
}

export interface RelatedGroup {
  label: string;
  kind: RecordKind;
  items: RelatedItem[];
  /** "Add contact" etc.: the new-record page with this record pre-filled. */
  addHref?: string;
}

export interface PipelineState {
  pipeline: PipelineJson;
  currentStageId: string;
  allowedStageIds: string[];
  history: StageEntry[];
}

export interface RecordPageData {
  record: RecordRow;
  title: string;
  members: { id: string; name: string; isActive: boolean }[];
  groups: { id: string; name: string; memberUserIds: string[] }[];
  watchers: Watcher[];
  timeline: TimelinePage;
  /** The timeline's pinned notes, shown above it. */
  pinned: TimelineEntry[];
  related: RelatedGroup[];
  pipeline: PipelineState | null;
  /** The kind's custom field definitions, in display order. */
  definitions: (FieldDefinitionLike & { id: string })[];
  /** Names of the records the reference fields point at (companyId → "Acme"). */
  refLabels: Record<string, string | null>;
  can: { edit: boolean; delete: boolean; move: boolean; override: boolean; log: boolean; watch: boolean };
}

function subtitleOf(kind: RecordKind, r: Record<string, unknown>): string | null {
  switch (kind) {
    case "CONTACT":
      return [r.jobTitle, r.email].filter(Boolean).join(" · ") || null;
    case "DEAL":
      return [r.amount ? formatMoney(String(r.amount), (r.currency as string | null) ?? null) : null, r.status ? labelFor("DEAL_STATUSES", String(r.status)) : null].filter(Boolean).join(" · ") || null;
    case "TICKET":
      return r.priority ? `${labelFor("PRIORITIES", String(r.priority))} priority` : null;
    case "COMPANY":
      return (r.domain as string | null) ?? null;
    default:
      return (r.email as string | null) ?? null;
  }
}

const item = (kind: RecordKind, r: Record<string, unknown>): RelatedItem => ({ kind, id: String(r.id), title: RECORD_KINDS[kind].title(r), subtitle: subtitleOf(kind, r) });

async function related(s: SessionInfo, id: string, kindsBy: [RecordKind, string, string, string][]): Promise<RelatedGroup[]> {
  return Promise.all(
    kindsBy.map(async ([k, column, label, addHref]) => {
      const page = await listRecords(s.ctx, k, { where: eq(columnOf(RECORD_KINDS[k], column)!, id), limit: 25 });
      return { label, kind: k, items: page.data.map((r) => item(k, r)), addHref };
    }),
  );
}

/** The record a reference field points at, if it is still there. */
async function one(s: SessionInfo, kind: RecordKind, id: unknown): Promise<RelatedItem | null> {
  if (typeof id !== "string") return null;
  try {
    return item(kind, await getRecord(s.ctx, kind, id));
  } catch (err) {
    if (err instanceof AppError && err.code === "not-found") return null;
    throw err;
  }
}

export async function loadRecordPage(s: SessionInfo, kind: RecordKind, id: string): Promise<RecordPageData> {
  const def = RECORD_KINDS[kind];
  const record = await getRecord(s.ctx, kind, id);
  const [members, groups, watchers, timeline, pinned, definitions] = await Promise.all([
    listMembers(s.ctx),
    listGroups(s.ctx),
    listWatchers(s.ctx, kind, id),
    recordTimeline(s.ctx, kind, id, { limit: 50 }),
    pinnedNotes(s.ctx, kind, id),
    listCustomFields(s.ctx, kind),
  ]);

  const company = "companyId" in record ? await one(s, "COMPANY", record.companyId) : null;
  const contact = "contactId" in record ? await one(s, "CONTACT", record.contactId) : null;
  const refLabels = { companyId: company?.title ?? null, contactId: contact?.title ?? null };
  const single = (label: string, k: RecordKind, x: RelatedItem | null): RelatedGroup[] => (x ? [{ label, kind: k, items: [x] }] : []);
  let groupsOfRelated: RelatedGroup[] = [];
  if (kind === "COMPANY") {
    groupsOfRelated = await related(s, id, [
      ["CONTACT", "companyId", "Contacts", `/contacts/new?companyId=${id}`],
      ["DEAL", "companyId", "Deals", `/deals/new?companyId=${id}`],
      ["TICKET", "companyId", "Tickets", `/tickets/new?companyId=${id}`],
    ]);
  } else if (kind === "CONTACT") {
    const withCompany = company ? `&companyId=${company.id}` : "";
    groupsOfRelated = [
      ...single("Company", "COMPANY", company),
      ...(await related(s, id, [
        ["DEAL", "contactId", "Deals", `/deals/new?contactId=${id}${withCompany}`],
        ["TICKET", "contactId", "Tickets", `/tickets/new?contactId=${id}${withCompany}`],
      ])),
    ];
  } else if (kind === "DEAL" || kind === "TICKET") {
    groupsOfRelated = [...single("Company", "COMPANY", company), ...single("Contact", "CONTACT", contact)];
  }

  let pipeline: PipelineState | null = null;
  if (def.pipelineObjectType && record.pipelineId && record.stageId) {
    const [p, history] = await Promise.all([getPipeline(s.ctx, record.pipelineId as string), recordStageTimeline(s.ctx, kind as PipelineKind, id)]);
    const currentStageId = record.stageId as string;
    // From a failed stage a record may only go back where it came from (the latest move into it).
    const returnStageId = history.find((h) => h.toStageId === currentStageId)?.fromStageId ?? null;
    pipeline = { pipeline: p, currentStageId, history, allowedStageIds: allowedTargets({ mode: p.movementMode, stages: p.stages, currentStageId, returnStageId }) };
  }

  return {
    record,
    title: def.title(record),
    members: members.map((m) => ({ id: m.userId, name: m.name, isActive: m.isActive })),
    groups: groups.map((g) => ({ id: g.id, name: g.name, memberUserIds: g.memberUserIds })),
    watchers,
    timeline,
    pinned,
    related: groupsOfRelated,
    pipeline,
    definitions: definitions.map(customFieldJson),
    refLabels,
    can: {
      edit: can(s.role, "records.write"),
      delete: can(s.role, "records.delete"),
      move: can(s.role, "records.move"),
      override: can(s.role, "records.moveOverride"),
      log: can(s.role, "activities.write"),
      watch: can(s.role, "watchers.write"),
    },
  };
}
