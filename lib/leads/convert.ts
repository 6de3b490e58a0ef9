// Converting a lead into a contact, a company and (optionally) a deal, and disqualifying
// one (API.md, "Leads"). One transaction under the lead's row lock, so concurrent
// conversions of one lead make one contact; every record is written through the records
// service (createRecord / updateRecordIn / updateRecordsIn: record changes, events,
// assignment) and the child rows move with carryOver.
import "server-only";
import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { activities, activityLinks, companies, contacts, pipelineStages, stageHistory } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { AppError, notFound, validationError } from "@/lib/errors";
import { emitEvents, type NewEvent } from "@/lib/events/emit";
import { positionBetween } from "@/lib/pipelines/position";
import type { StageState } from "@/lib/pipelines/rules";
import { carryOver } from "@/lib/records/carry-over";
import { RECORD_KINDS } from "@/lib/records/registry";
import { createRecord, lockLiveRecords, serializeRecord, updateRecordIn, updateRecordsIn, type RecordRow } from "@/lib/records/service";
import { liveWithEmail } from "@/lib/records/email-match";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { companyDomainOf } from "./free-mail";
import { convertLeadSchema, disqualifyLeadSchema, type ConvertLeadInput } from "./schemas";

/** Lead fields a contact takes, by the same name. */
const CONTACT_FIELDS = ["firstName", "lastName", "email", "phone", "jobTitle"] as const;

type Fill = Record<string, unknown>;
export type PlannedRecord = { action: "reuse"; id: string; title: string; fill: Fill } | { action: "create"; title: string; values: Fill };

export interface ConversionPlan {
  contact: PlannedRecord;
  company: PlannedRecord | null;
  /** The deal the dialog proposes, prefilled from the lead. */
  deal: { name: string; amount: string | null; currency: string | null; closeDate: string | null };
}

const empty = (v: unknown) => v === null || v === undefined || v === "";
const owner = (lead: RecordRow): Fill =>
  lead.ownedByUserId || lead.ownedByGroupId ? { ownedByUserId: lead.ownedByUserId ?? null, ownedByGroupId: lead.ownedByGroupId ?? null } : {};

/** The lead's values for the fields `row` has empty. */
function fillOf(row: Record<string, unknown>, values: Fill): Fill {
  return Object.fromEntries(Object.entries(values).filter(([k, v]) => !empty(v) && empty(row[k])));
}

/** A budget like "12,500" or "$12500.50" as an amount; anything else is no amount. */
export function amountOf(budget: unknown): string | null {
  if (typeof budget !== "string") return null;
  const digits = budget.replace(/[\s,$€£]/g, "");
  return /^\d{1,16}(\.\d{1,2})?$/.test(digits) ? digits : null;
}

async function liveById(tx: Tx, ctx: TenantContext, kind: "CONTACT" | "COMPANY", id: string): Promise<RecordRow> {
  const [row] = await lockLiveRecords(tx, ctx, kind, [id]);
  if (!row) throw validationError([{ path: kind === "CONTACT" ? "contactId" : "companyId", message: `is not a live ${kind.toLowerCase()} of this workspace` }]);
  return row;
}

async function planIn(tx: Tx, ctx: TenantContext, lead: RecordRow, input: ReturnType<typeof convertLeadSchema.parse>, lock: boolean): Promise<ConversionPlan & { contactRow?: RecordRow; companyRow?: RecordRow }> {
  const t = ctx.tenantId;
  // the first match's id, oldest first; read through the duplicate keys' indexes
  const find = async (kind: "CONTACT" | "COMPANY", where: ReturnType<typeof and>) => {
    const table = kind === "CONTACT" ? contacts : companies;
    const [hit] = await tx.select({ id: table.id }).from(table).where(where).orderBy(asc(table.createdAt), asc(table.id)).limit(1);
    return hit?.id;
  };
  const row = async (kind: "CONTACT" | "COMPANY", id: string) => {
    const table = kind === "CONTACT" ? contacts : companies;
    return lock ? liveById(tx, ctx, kind, id) : ((await tx.select().from(table).where(and(eq(table.tenantId, t), eq(table.id, id))))[0] as RecordRow);
  };

  // the company: named, matched by the email's domain or by name, created, or none;
  // the contact: named, matched by email, or created. The look-ups go out together.
  const domain = companyDomainOf(lead.email as string | null);
  const companyName = (lead.companyName as string | null) ?? null;
  const matchCompany = !input.companyId && input.createCompany !== false;
  const [byDomain, byName, byEmail] = await Promise.all([
    // Through the duplicate keys' indexes (companies_dup_domain_idx, companies_dup_name_idx):
    // under row level security a stored column is an index condition and lower(...) is not.
    // Each key is a function of the lowered value, so equal values have equal keys; the
    // exact comparison follows. A name whose key is empty (all punctuation) is compared only exactly.
    matchCompany && domain
      ? find("COMPANY", and(eq(companies.tenantId, t), isNotNull(companies.domain), isNull(companies.deletedAt), sql`${companies.dupDomain} = dup_domain_key(${domain})`, sql`lower(${companies.domain}) = ${domain}`))
      : undefined,
    matchCompany && companyName
      ? find("COMPANY", and(eq(companies.tenantId, t), isNull(companies.deletedAt), sql`(${companies.dupName} = dup_company_key(${companyName}) or dup_company_key(${companyName}) is null)`, sql`(lower(${companies.name}) collate "C") = (lower(${companyName}) collate "C")`))
      : undefined,
    !input.contactId && lead.email ? find("CONTACT", and(eq(contacts.tenantId, t), liveWithEmail(contacts, [lead.email as string]))) : undefined,
  ]);
  // a record named in the input must be live (checked, and locked, in a preview too)
  const [companyRow, contactRow] = await Promise.all([
    input.companyId ? liveById(tx, ctx, "COMPANY", input.companyId) : (byDomain ?? byName) ? row("COMPANY", (byDomain ?? byName)!) : undefined,
    input.contactId ? liveById(tx, ctx, "CONTACT", input.contactId) : byEmail ? row("CONTACT", byEmail) : undefined,
  ]);
  const companyValues: Fill = { name: companyName ?? domain, domain };
  let company: PlannedRecord | null = null;
  if (companyRow) company = { action: "reuse", id: companyRow.id, title: String(companyRow.name), fill: fillOf(companyRow, { domain }) };
  else if (!input.companyId && (input.createCompany ?? !!companyName) && companyValues.name) {
    company = { action: "create", title: String(companyValues.name), values: { ...companyValues, ...owner(lead) } };
  }

  const person = Object.fromEntries(CONTACT_FIELDS.map((k) => [k, lead[k] ?? null]));
  const contact: PlannedRecord = contactRow
    ? { action: "reuse", id: contactRow.id, title: RECORD_KINDS.CONTACT.title(contactRow), fill: fillOf(contactRow, person) }
    : { action: "create", title: RECORD_KINDS.CONTACT.title(person), values: { ...Object.fromEntries(Object.entries(person).filter(([, v]) => !empty(v))), ...owner(lead) } };

  const leadTitle = RECORD_KINDS.LEAD.title(lead);
  const deal = { name: companyName ? `${companyName} — ${leadTitle}` : leadTitle, amount: amountOf(lead.budget), currency: null, closeDate: null };
  return { contact, company, deal, contactRow, companyRow };
}

/** A live lead that may still be converted or disqualified (409 otherwise). */
function assertOpen(lead: RecordRow): void {
  if (lead.status === "converted" || lead.convertedAt) throw new AppError("conflict", "This lead is already converted", { convertedContactId: lead.convertedContactId ?? null });
  if (lead.status === "unqualified" || lead.disqualifiedAt) throw new AppError("conflict", "This lead is disqualified: it cannot be converted");
}

async function loadLead(tx: Tx, ctx: TenantContext, id: string, lock: boolean): Promise<RecordRow> {
  const t = RECORD_KINDS.LEAD.table;
  const [lead] = lock ? await lockLiveRecords(tx, ctx, "LEAD", [id]) : ((await tx.select().from(t).where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, id), isNull(t.deletedAt)))) as RecordRow[]);
  if (!lead) throw notFound("Lead");
  return lead;
}

/** What a conversion would do, without doing it (the Convert dialog). */
export async function previewConversion(ctx: TenantContext, leadId: string, raw: ConvertLeadInput = {}): Promise<ConversionPlan & { lead: RecordRow }> {
  const input = convertLeadSchema.parse(raw);
  return withTenant(ctx, async (tx) => {
    const lead = await loadLead(tx, ctx, leadId, false);
    const { contactRow: _c, companyRow: _co, ...plan } = await planIn(tx, ctx, lead, input, false);
    return { ...plan, lead };
  });
}

export interface ConversionResult {
  lead: RecordRow;
  contact: RecordRow;
  company: RecordRow | null;
  deal: RecordRow | null;
}

export async function convertLead(ctx: TenantContext, leadId: string, raw: ConvertLeadInput): Promise<ConversionResult> {
  assertCan(ctx.actor.role, "records.write");
  const input = convertLeadSchema.parse(raw);
  return withTenant(ctx, async (tx) => {
    const lead = await loadLead(tx, ctx, leadId, true);
    assertOpen(lead);
    // the lead's stages (for its close, last) are read with the plan's look-ups
    const stages = stagesOf(tx, ctx, lead);
    stages.catch(() => {}); // a failure surfaces where closeLeadIn awaits it
    const plan = await planIn(tx, ctx, lead, input, true);

    let company: RecordRow | null = null;
    if (plan.company?.action === "create") company = await createRecord(ctx, "COMPANY", plan.company.values, { tx });
    else if (plan.company?.action === "reuse") company = await updateRecordIn(tx, ctx, "COMPANY", plan.companyRow!, { ...plan.company.fill });

    const withCompany = company ? { companyId: company.id } : {};
    let contact: RecordRow;
    // a new contact takes the lead's tags at once (carryOver then has none to add)
    const tags = (lead.tags as string[] | null)?.length ? { tags: lead.tags } : {};
    if (plan.contact.action === "create") contact = await createRecord(ctx, "CONTACT", { ...plan.contact.values, ...withCompany, ...tags }, { tx });
    else contact = await updateRecordIn(tx, ctx, "CONTACT", plan.contactRow!, { ...plan.contact.fill, ...(empty(plan.contactRow!.companyId) ? withCompany : {}) });

    let deal: RecordRow | null = null;
    if (input.deal) {
      const d = input.deal;
      deal = await createRecord(
        ctx,
        "DEAL",
        {
          name: d.name ?? plan.deal.name,
          amount: d.amount === undefined ? plan.deal.amount : d.amount,
          ...(d.currency ? { currency: d.currency } : {}),
          closeDate: d.closeDate ?? null,
          ...(d.pipelineId ? { pipelineId: d.pipelineId } : {}),
          ...(d.stageId ? { stageId: d.stageId } : {}),
          contactId: contact.id,
          leadId: lead.id,
          ...withCompany,
          ...owner(lead),
        },
        { tx },
      ).catch((err: unknown) => Promise.reject(underDeal(err)));
    }

    // the lead's activities live on the contact now (carryOver), and show on the deal too
    if (deal) {
      await tx.insert(activityLinks).select(
        tx
          .select({ tenantId: activities.tenantId, activityId: activities.id, recordType: sql<"DEAL">`'DEAL'::crm_record_type`.as("record_type"), recordId: sql<string>`${deal.id}::uuid`.as("record_id"), createdAt: sql<Date>`now()`.as("created_at") })
          .from(activities)
          .where(and(eq(activities.tenantId, ctx.tenantId), eq(activities.recordType, "LEAD"), eq(activities.recordId, lead.id))),
      );
    }
    await carryOver(tx, ctx, { type: "LEAD", ids: [lead.id] }, { type: "CONTACT", id: contact.id });

    const converted = await closeLeadIn(
      tx,
      ctx,
      lead,
      { status: "converted", convertedAt: sql`now()`, convertedContactId: contact.id, convertedCompanyId: company?.id ?? null, convertedDealId: deal?.id ?? null },
      { state: "DONE_SUCCESS", reason: "Converted" },
      (after) => ({
        type: "lead.converted",
        entityType: "LEAD",
        entityId: lead.id,
        payload: { title: RECORD_KINDS.LEAD.title(after), contactId: contact.id, companyId: company?.id ?? null, dealId: deal?.id ?? null, record: serializeRecord(after) },
      }),
      stages,
    );
    return { lead: converted, contact, company, deal };
    // ~30 statements of fixed shape, several under child-row policies that cost ~2 ms to
    // plan (activities, list memberships, watchers): cached plans, not one per run
  }, { genericPlans: true });
}

/** A deal's validation error names its field under `deal.` (the body's path). */
function underDeal(err: unknown): unknown {
  if (err instanceof AppError && err.code === "validation" && Array.isArray(err.extensions.errors)) {
    const errors = (err.extensions.errors as { path: string; message: string }[]).map((e) => ({ ...e, path: `deal.${e.path}` }));
    return new AppError("validation", err.message, { ...err.extensions, errors });
  }
  return err;
}

export async function disqualifyLead(ctx: TenantContext, leadId: string, raw: unknown): Promise<RecordRow> {
  assertCan(ctx.actor.role, "records.write");
  const { reason } = disqualifyLeadSchema.parse(raw);
  return withTenant(ctx, async (tx) => {
    const lead = await loadLead(tx, ctx, leadId, true);
    if (lead.status === "converted" || lead.convertedAt) throw new AppError("conflict", "This lead is converted: it cannot be disqualified");
    if (lead.status === "unqualified" && lead.disqualifiedAt) throw new AppError("conflict", "This lead is already disqualified");
    return closeLeadIn(tx, ctx, lead, { status: "unqualified", disqualifiedReason: reason, disqualifiedAt: sql`now()` }, { state: "DONE_FAILED", reason });
  });
}

/**
 * The lead's last write: `set` (its status and what goes with it, through updateRecordsIn:
 * record changes and record.updated over those fields) and, when its pipeline has a stage
 * in `to.state` it is not in yet, the move there in the same UPDATE, with its stage_history
 * row and stage.changed event as a move writes them. Conversion and disqualification are
 * how a lead gets there, so the movement mode does not apply. `extra` is one more event
 * about the lead after (lead.converted), written with the stage.changed one.
 */
type LeadStage = { id: string; name: string; stageState: StageState };

/** The stages of the lead's pipeline, in order (none without a pipeline). */
function stagesOf(tx: Tx, ctx: TenantContext, lead: RecordRow): Promise<LeadStage[]> {
  if (!lead.pipelineId) return Promise.resolve([]);
  return tx
    .select({ id: pipelineStages.id, name: pipelineStages.name, stageState: pipelineStages.stageState })
    .from(pipelineStages)
    .where(and(eq(pipelineStages.tenantId, ctx.tenantId), eq(pipelineStages.pipelineId, lead.pipelineId as string)))
    .orderBy(asc(pipelineStages.displayOrder))
    .execute();
}

async function closeLeadIn(
  tx: Tx,
  ctx: TenantContext,
  lead: RecordRow,
  set: Record<string, unknown>,
  to: { state: StageState; reason: string },
  extra?: (after: RecordRow) => NewEvent,
  prefetched?: Promise<LeadStage[]>,
): Promise<RecordRow> {
  const t = ctx.tenantId;
  const stages = await (prefetched ?? stagesOf(tx, ctx, lead));
  const target = stages.find((s) => s.stageState === to.state);
  const moves = !!target && target.id !== lead.stageId;
  const move = moves ? { stageId: target.id, stageEnteredAt: sql`now()`, position: await positionBetween(tx, "LEAD", t, target.id) } : {};
  const { rows } = await updateRecordsIn(tx, ctx, "LEAD", [lead], { ...set, ...move }, Object.keys(set));
  const after = rows[0]!;
  const events: NewEvent[] = [];
  let history: Promise<unknown> | undefined;
  if (moves) {
    history = tx.insert(stageHistory).values({
      tenantId: t,
      entityType: "LEAD",
      entityId: lead.id,
      pipelineId: lead.pipelineId as string,
      fromStageId: (lead.stageId as string | null) ?? null,
      toStageId: target.id,
      changedByUserId: ctx.actor.userId,
      source: ctx.actor.source,
      reason: to.reason,
    }).execute();
    events.push({
      type: "stage.changed",
      entityType: "LEAD",
      entityId: lead.id,
      payload: {
        title: RECORD_KINDS.LEAD.title(after),
        pipelineId: lead.pipelineId,
        fromStageId: lead.stageId ?? null,
        toStageId: target.id,
        fromStageName: stages.find((s) => s.id === lead.stageId)?.name ?? null,
        toStageName: target.name,
        override: false,
        record: serializeRecord(after),
      },
    });
  }
  if (extra) events.push(extra(after));
  // the history row and the events go together (neither reads the other)
  await Promise.all([history, emitEvents(tx, ctx, events)]);
  return after;
}
