// Merge (API.md "Duplicates and merge"): records of one kind merged into a survivor, in one
// transaction, through the record services (record_changes, events, lists and audit see
// every change as they would a change by hand):
// - the survivor's fields: planMerge (rules.ts), written by updateRecordIn;
// - activities, watchers, tags and static list memberships: carryOver;
// - deals, tickets, (for companies) contacts and leads converted to them: re-pointed by
//   updateRecordsIn;
// - the merged records: soft-deleted with mergedIntoId (deleteRecordsIn), each with a
//   merge history row holding its snapshot; a record.merged event on the survivor (its
//   audit entry comes from the domain_events trigger, as for every record event).
import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { recordMerges } from "@/db/schema";
import { AppError, notFound, validationError } from "@/lib/errors";
import { emitEvent } from "@/lib/events/emit";
import { carryOver } from "@/lib/records/carry-over";
import { columnOf, RECORD_KINDS, tableOf, type RecordKind } from "@/lib/records/registry";
import { deleteRecordsIn, lockLiveRecords, serializeRecord, updateRecordIn, updateRecordsIn, type RecordRow } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { planMerge, type MergeKind } from "./rules";
import { mergeInputSchema } from "./schemas";

/** Records of other kinds that point at a merged record by a column: [kind, column]. */
const POINTERS: Record<MergeKind, [RecordKind, string][]> = {
  CONTACT: [["DEAL", "contactId"], ["TICKET", "contactId"], ["LEAD", "convertedContactId"]],
  COMPANY: [["CONTACT", "companyId"], ["DEAL", "companyId"], ["TICKET", "companyId"], ["LEAD", "convertedCompanyId"]],
  LEAD: [["DEAL", "leadId"]],
};

/** Live records whose `column` names one of `ids` now name `to` instead. Returns their ids. */
async function repoint(tx: Tx, ctx: TenantContext, kind: RecordKind, column: string, ids: readonly string[], to: string): Promise<string[]> {
  const def = RECORD_KINDS[kind];
  const t = tableOf(def);
  const col = columnOf(def, column)!;
  const found = await tx.select({ id: t.id }).from(t).where(and(eq(t.tenantId, ctx.tenantId), inArray(col, [...ids]), isNull(t.deletedAt)));
  if (!found.length) return [];
  const rows = await lockLiveRecords(tx, ctx, kind, found.map((r) => r.id as string));
  await updateRecordsIn(tx, ctx, kind, rows, { [column]: to }, [column]);
  return rows.map((r) => r.id).sort();
}

export async function mergeRecords(ctx: TenantContext, kind: MergeKind, survivorId: string, input: unknown): Promise<RecordRow> {
  const def = RECORD_KINDS[kind];
  const { mergeIds, fields } = mergeInputSchema.parse(input);
  const ids = [...new Set(mergeIds)];
  if (ids.includes(survivorId)) throw validationError([{ path: "mergeIds", message: "must not name the surviving record" }]);
  return withTenant(ctx, async (tx) => {
    // every record locked (in id order) and in the actor's write scope: a 403 for one they may only read
    const locked = await lockLiveRecords(tx, ctx, kind, [survivorId, ...ids]);
    const survivor = locked.find((r) => r.id === survivorId);
    if (!survivor) throw notFound(def.singular);
    const missing = ids.filter((id) => !locked.some((r) => r.id === id));
    if (missing.length) throw new AppError("validation", `Not a live ${def.singular} you may see: ${missing.join(", ")}`, { errors: missing.map((id) => ({ path: `mergeIds[${mergeIds.indexOf(id)}]`, message: `is not a live ${def.singular}` })), invalidIds: missing });
    const merged = ids.map((id) => locked.find((r) => r.id === id)!);
    const plan = planMerge(survivor, merged, Object.keys(def.createSchema.shape), fields);
    if ("issues" in plan) throw validationError(plan.issues);

    const carried = await carryOver(tx, ctx, { type: kind, ids }, { type: kind, id: survivorId });
    const repointed: Record<string, string[]> = {};
    for (const [k, column] of POINTERS[kind]) {
      const moved = await repoint(tx, ctx, k, column, ids, survivorId);
      if (moved.length) repointed[`${RECORD_KINDS[k].collection}.${column}`] = moved;
    }
    // the merged records go first: a company's domain is unique among live companies
    await deleteRecordsIn(tx, ctx, kind, ids, { mergedIntoId: survivorId });
    const [current] = await lockLiveRecords(tx, ctx, kind, [survivorId]);
    const after = Object.keys(plan.patch).length ? await updateRecordIn(tx, ctx, kind, current!, plan.patch) : current!;

    await tx.insert(recordMerges).values(
      merged.map((m) => ({ tenantId: ctx.tenantId, recordType: kind, survivorId, mergedId: m.id, mergedByUserId: ctx.actor.userId, snapshot: { record: serializeRecord(m) } })),
    );
    await emitEvent(tx, ctx, {
      type: "record.merged",
      entityType: kind,
      entityId: survivorId,
      payload: { title: def.title(after), mergedIds: ids, winners: plan.winners, carried: { activities: carried.activities, watchers: carried.watchers, tags: carried.tags, listsJoined: carried.listsJoined }, repointed },
    });
    return after;
  });
}
