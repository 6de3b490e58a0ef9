// Carry-over of a record's child rows to another record: what a lead conversion (lead →
// contact) and a record merge (merged records → survivor) both do. In the caller's
// transaction, set-based (a few statements however many source records).
//
// - Activities: re-pointed at the target (its timeline shows them, the sources' no longer).
// - Watchers: the target gains every principal that followed a source; the sources'
//   watcher rows go (a follower follows the record the data now lives on).
// - Tags: the target's tags become its own plus the sources' (in that order, no repeats),
//   through updateRecordsIn (record_changes, record.updated). The sources keep theirs:
//   their tags are part of what they were (a converted lead, a merged record's snapshot).
// - STATIC list memberships: of a list of the target's type, the membership moves (log
//   rows, events and counts as for a change by hand). A list of another type cannot hold
//   the target (a list of leads holds leads), so the source stays in it, and the target
//   joins the live STATIC list of its own type with the same name (case-insensitive)
//   when there is one — "Webinar Q3" of leads and "Webinar Q3" of contacts — so a
//   campaign's lists follow the people. Archived lists are left as they are (read-only),
//   DYNAMIC lists follow their filters on the events these changes write.
import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { activities, listMemberships, lists, recordWatchers, type List } from "@/db/schema";
import { manualSource, recordListChanges, recount } from "@/lib/lists/members";
import type { TenantContext } from "@/lib/tenancy/context";
import type { Tx } from "@/lib/tenancy/with-tenant";
import type { RecordKind } from "./kinds";
import { lockLiveRecords, updateRecordsIn } from "./service";

export interface CarryOverResult {
  /** Activities now on the target. */
  activities: number;
  /** Watchers the target gained (those already following it are not counted). */
  watchers: number;
  /** Tags the target gained. */
  tags: string[];
  /** Lists the target joined. */
  listsJoined: string[];
  /** Lists of another type the sources stay in. */
  listsKept: string[];
}

export async function carryOver(
  tx: Tx,
  ctx: TenantContext,
  from: { type: RecordKind; ids: readonly string[] },
  to: { type: RecordKind; id: string },
): Promise<CarryOverResult> {
  const ids = [...new Set(from.ids)].filter((id) => !(id === to.id && from.type === to.type));
  const result: CarryOverResult = { activities: 0, watchers: 0, tags: [], listsJoined: [], listsKept: [] };
  if (!ids.length) return result;
  const tenant = ctx.tenantId;

  // what the carry-over reads and moves first is independent: sent together (one round trip)
  const [moved, watchers, [target], locked, memberOf] = await Promise.all([
    // counted in the database: a merge of records with 50,000 activities reads back one row, not 50,000 ids
    tx.execute<{ n: number }>(sql`with moved as (
        update ${activities} set record_type = ${to.type}::crm_record_type, record_id = ${to.id}::uuid, updated_at = now()
        where tenant_id = ${tenant}::uuid and record_type = ${from.type}::crm_record_type and record_id = any(${sql.param(ids)}::uuid[])
        returning 1)
      select count(*)::int as n from moved`),
    tx
      .delete(recordWatchers)
      .where(and(eq(recordWatchers.tenantId, tenant), eq(recordWatchers.recordType, from.type), inArray(recordWatchers.recordId, ids)))
      .returning()
      .execute(),
    lockLiveRecords(tx, ctx, to.type, [to.id]),
    lockLiveRecords(tx, ctx, from.type, ids, "share"),
    staticMemberships(tx, tenant, ids),
  ]);
  result.activities = moved[0]?.n ?? 0;
  if (watchers.length) {
    const gained = await tx
      .insert(recordWatchers)
      .values(watchers.map((w) => ({ ...w, recordType: to.type, recordId: to.id })))
      .onConflictDoNothing()
      .returning({ principalId: recordWatchers.principalId });
    result.watchers = gained.length;
  }

  // in the order the caller names them (the first source's tags first)
  const sources = locked.sort((x, y) => ids.indexOf(x.id) - ids.indexOf(y.id));
  if (target) {
    const own = (target.tags as string[] | null) ?? [];
    const gained = [...new Set(sources.flatMap((s) => (s.tags as string[] | null) ?? []))].filter((t) => !own.includes(t));
    if (gained.length) {
      await updateRecordsIn(tx, ctx, to.type, [target], { tags: [...own, ...gained] }, ["tags"]);
      result.tags = gained;
    }
  }

  await carryMemberships(tx, ctx, ids, to, result, memberOf);
  return result;
}

/** The sources' memberships of live static lists. */
function staticMemberships(tx: Tx, tenant: string, ids: string[]): Promise<{ listId: string; memberId: string }[]> {
  return tx
    .select({ listId: listMemberships.listId, memberId: listMemberships.memberId })
    .from(listMemberships)
    .innerJoin(lists, and(eq(lists.tenantId, listMemberships.tenantId), eq(lists.id, listMemberships.listId)))
    .where(and(eq(listMemberships.tenantId, tenant), inArray(listMemberships.memberId, ids), eq(lists.processingType, "STATIC"), eq(lists.isArchived, false)))
    .execute();
}

async function carryMemberships(
  tx: Tx,
  ctx: TenantContext,
  ids: string[],
  to: { type: RecordKind; id: string },
  result: CarryOverResult,
  memberOf: { listId: string; memberId: string }[],
): Promise<void> {
  const tenant = ctx.tenantId;
  if (!memberOf.length) return;
  // lock the lists in id order, as every membership writer does, so none deadlocks with this
  const sourceLists = await tx
    .select()
    .from(lists)
    .where(and(eq(lists.tenantId, tenant), inArray(lists.id, [...new Set(memberOf.map((m) => m.listId))])))
    .orderBy(asc(lists.id))
    .for("update");
  const sameType = sourceLists.filter((l) => l.objectType === to.type);
  const otherType = sourceLists.filter((l) => l.objectType !== to.type);
  result.listsKept = otherType.map((l) => l.id);
  // a list of the target's type named like one of another type the sources are in
  const names = [...new Set(otherType.map((l) => l.name.toLowerCase()))];
  const namesakes = names.length
    ? await tx
        .select()
        .from(lists)
        .where(
          and(
            eq(lists.tenantId, tenant),
            eq(lists.objectType, to.type),
            eq(lists.processingType, "STATIC"),
            eq(lists.isArchived, false),
            inArray(sql`lower(${lists.name})`, names),
          ),
        )
        .orderBy(asc(lists.id))
        .for("update")
    : [];
  const targets = new Map<string, List>([...sameType, ...namesakes].map((l) => [l.id, l]));
  const source = manualSource(ctx);
  const changes: Parameters<typeof recordListChanges>[2] = [];
  if (sameType.length) {
    const removed = await tx
      .delete(listMemberships)
      .where(and(eq(listMemberships.tenantId, tenant), inArray(listMemberships.listId, sameType.map((l) => l.id)), inArray(listMemberships.memberId, ids)))
      .returning({ listId: listMemberships.listId, memberId: listMemberships.memberId });
    changes.push(...removed.map((r) => ({ list: targets.get(r.listId)!, memberId: r.memberId, action: "REMOVED" as const })));
  }
  if (targets.size) {
    const joined = await tx
      .insert(listMemberships)
      .values([...targets.values()].map((l) => ({ tenantId: tenant, listId: l.id, memberType: l.objectType, memberId: to.id, source, addedByUserId: ctx.actor.userId })))
      .onConflictDoNothing()
      .returning({ listId: listMemberships.listId });
    changes.push(...joined.map((r) => ({ list: targets.get(r.listId)!, memberId: to.id, action: "ADDED" as const })));
    result.listsJoined = joined.map((r) => r.listId).sort();
  }
  await recordListChanges(tx, ctx, changes, source);
  for (const id of [...new Set(changes.map((c) => c.list.id))].sort()) await recount(tx, ctx, id);
}
