// Assignment rules on the create path (API.md, "Assignment rules"): a record created
// without an owner, by any writer (UI, API, import, web form), is given one in the same
// transaction by the first enabled rule of its type (lowest priority) whose condition it
// matches and whose strategy finds an active member. createRecord calls routeNewRecord
// once, right after its insert, so conditions are compiled to SQL (lib/filters) and read
// the row as stored — defaults, company fields and all.
//
// Fairness: ROUND_ROBIN and LEAST_OPEN take the rule's row lock with UPDATE … RETURNING
// (its `turns` counter) before choosing, so concurrent creates through one rule choose one
// at a time: N round-robin creates over k members give each ⌊N/k⌋ or ⌈N/k⌉, and each
// LEAST_OPEN choice sees the counts the previous one committed.
import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { assignmentRules, leads, recordAssignments, tenantGroupMembers, tenantUsers, tickets, type AssignmentRule } from "@/db/schema";
import { createActivityIn } from "@/lib/activities/service";
import { compileFilter } from "@/lib/filters/compile";
import { definitionsNamedIn } from "@/lib/custom-fields/service";
import type { FilterObjectType } from "@/lib/filters/fields";
import { RECORD_KINDS, tableOf, type RecordKind } from "@/lib/records/registry";
import type { RecordRow } from "@/lib/records/service";
import { ensureTags } from "@/lib/tags/service";
import type { TenantContext } from "@/lib/tenancy/context";
import type { Tx } from "@/lib/tenancy/with-tenant";

/** The enabled rules of a type, in the order they are tried. */
export async function rulesFor(tx: Tx, tenantId: string, kind: RecordKind, onlyEnabled = true): Promise<AssignmentRule[]> {
  const r = assignmentRules;
  return tx
    .select()
    .from(r)
    .where(and(eq(r.tenantId, tenantId), eq(r.objectType, kind), onlyEnabled ? eq(r.enabled, true) : undefined))
    .orderBy(asc(r.priority), asc(r.createdAt), asc(r.id));
}

/** Indexes (into `rules`) of the rules whose condition the stored record matches, in order. */
export async function matchingRules(tx: Tx, ctx: TenantContext, kind: RecordKind, recordId: string, rules: readonly AssignmentRule[]): Promise<number[]> {
  if (!rules.length) return [];
  // rules without a condition match every record: no query (the common "everyone in turn")
  if (rules.every((r) => !r.condition)) return rules.map((_, i) => i);
  const t = tableOf(RECORD_KINDS[kind]);
  const customFields = await definitionsNamedIn(tx, ctx.tenantId, kind, rules.map((r) => r.condition));
  // "me" in a rule matches nobody: the rule means the same whoever creates the record
  const tests = rules.map((rule, i) => (rule.condition ? sql`case when ${compileFilter(kind as FilterObjectType, rule.condition, { tenantId: ctx.tenantId, userId: null, customFields })} then ${i}::int end` : sql`${i}::int`));
  const [row] = await tx.execute<{ hits: number[] }>(
    sql`select array_remove(array[${sql.join(tests, sql`, `)}], null) as hits from ${t} where ${t.tenantId} = ${ctx.tenantId}::uuid and ${t.id} = ${recordId}::uuid`,
  );
  return row?.hits ?? [];
}

/** The record a create assigns, so a round-robin turn can record the assignment in its own statement. */
interface Assigning {
  kind: RecordKind;
  id: string;
  by: string | null;
}

/**
 * The group's active members in a fixed order (the round robin's) and the rule's turn: with
 * `take`, the turn is taken (turns + 1, which locks the rule's row until the create
 * commits) in the same statement — and for ROUND_ROBIN, whose choice is the turn's
 * member, the assignment's history row too (`recorded`), one round trip in all.
 */
async function membersAndTurn(tx: Tx, tenantId: string, rule: AssignmentRule, take: boolean, record?: Assigning): Promise<{ members: string[]; turn: number; recorded: boolean }> {
  const m = tenantGroupMembers;
  const r = assignmentRules;
  const members = sql`array(select ${m.userId} from ${m} join ${tenantUsers} on ${tenantUsers.tenantId} = ${m.tenantId} and ${tenantUsers.userId} = ${m.userId}
    where ${m.tenantId} = ${tenantId}::uuid and ${m.groupId} = ${rule.groupId}::uuid and ${tenantUsers.isActive} order by ${m.userId})`;
  if (!take) {
    const [row] = await tx.execute<{ members: string[] }>(sql`select ${members} as members`);
    return { members: row?.members ?? [], turn: rule.turns, recorded: false };
  }
  const h = recordAssignments;
  const history =
    record && rule.strategy === "ROUND_ROBIN"
      ? sql`, pick as (select mm.members[(b.turn % cardinality(mm.members))::int + 1] as user_id from mm, bumped b where cardinality(mm.members) > 0),
          h as (insert into ${h} (tenant_id, record_type, record_id, user_id, rule_id, assigned_by_user_id)
            select ${tenantId}::uuid, ${record.kind}::crm_record_type, ${record.id}::uuid, pick.user_id, ${rule.id}::uuid, ${record.by}::uuid from pick returning user_id)`
      : sql``;
  const recorded = record && rule.strategy === "ROUND_ROBIN" ? sql`(select count(*) from h) > 0` : sql`false`;
  const [row] = await tx.execute<{ members: string[]; turn: string; recorded: boolean }>(sql`
    with bumped as (update ${r} set turns = ${r.turns} + 1 where ${r.tenantId} = ${tenantId}::uuid and ${r.id} = ${rule.id}::uuid returning ${r.turns} - 1 as turn),
      mm as (select ${members} as members) ${history}
    select (select members from mm) as members, (select turn from bumped) as turn, ${recorded} as recorded`);
  return { members: row?.members ?? [], turn: Number(row?.turn ?? 0), recorded: row?.recorded === true };
}

async function isActiveMember(tx: Tx, tenantId: string, userId: string): Promise<boolean> {
  const [u] = await tx.select({ id: tenantUsers.userId }).from(tenantUsers).where(and(eq(tenantUsers.tenantId, tenantId), eq(tenantUsers.userId, userId), eq(tenantUsers.isActive, true)));
  return !!u;
}

/** Open records of the type per member, past the creator's access scope (migration lead_scoring_assignment). */
async function openCounts(tx: Tx, kind: RecordKind, users: readonly string[]): Promise<Map<string, number>> {
  const rows = await tx.execute<{ user_id: string; open: string }>(
    sql`select user_id, open from assignment_open_counts(${kind}::crm_record_type, array[${sql.join(users.map((u) => sql`${u}::uuid`), sql`, `)}]::uuid[])`,
  );
  return new Map(rows.map((r) => [r.user_id, Number(r.open)]));
}

/**
 * Whom `rule` gives a record now; `take` false only looks (the settings page's test), true
 * takes the turn. `recorded`: the assignment's history row is already written (round robin).
 */
export async function chooseAssignee(tx: Tx, ctx: TenantContext, kind: RecordKind, rule: AssignmentRule, take: boolean, record?: Assigning): Promise<{ userId: string; recorded: boolean } | null> {
  if (rule.strategy === "USER") return rule.userId && (await isActiveMember(tx, ctx.tenantId, rule.userId)) ? { userId: rule.userId, recorded: false } : null;
  const { members, turn, recorded } = await membersAndTurn(tx, ctx.tenantId, rule, take, record);
  if (!members.length) return null;
  const start = turn % members.length;
  const rotated = [...members.slice(start), ...members.slice(0, start)];
  if (rule.strategy === "ROUND_ROBIN") return { userId: rotated[0]!, recorded };
  const open = await openCounts(tx, kind, members);
  // the fewest open records; ties go round in turn
  return { userId: rotated.reduce((best, u) => ((open.get(u) ?? 0) < (open.get(best) ?? 0) ? u : best), rotated[0]!), recorded: false };
}

/** The rule and member a record would get (or gets, with take): first matching rule whose strategy finds someone. */
export async function decide(
  tx: Tx,
  ctx: TenantContext,
  kind: RecordKind,
  recordId: string,
  take: boolean,
  enabledRules?: readonly AssignmentRule[],
): Promise<{ rule: AssignmentRule; userId: string; recorded: boolean } | null> {
  const rules = enabledRules ?? (await rulesFor(tx, ctx.tenantId, kind));
  for (const i of await matchingRules(tx, ctx, kind, recordId, rules)) {
    const chosen = await chooseAssignee(tx, ctx, kind, rules[i]!, take, take ? { kind, id: recordId, by: ctx.actor.userId } : undefined);
    if (chosen) return { rule: rules[i]!, ...chosen };
  }
  return null;
}

/** What an assignment writes on the record: the owner, a lead's assignedAt, the rule's priority and tags. */
async function assignedValues(tx: Tx, ctx: TenantContext, kind: RecordKind, rule: AssignmentRule, userId: string, input: Record<string, unknown>, tags: readonly string[]): Promise<Record<string, unknown>> {
  const actions = rule.actions ?? {};
  const t = tableOf(RECORD_KINDS[kind]);
  const set: Record<string, unknown> = { ownedByUserId: userId, ownedByGroupId: null };
  if (kind === "LEAD") set.assignedAt = sql`now()`;
  if (actions.priority && input.priority === undefined && (t === leads || t === tickets)) set.priority = actions.priority;
  if (actions.tags?.length) set.tags = [...new Set([...tags, ...(await ensureTags(tx, ctx.tenantId, actions.tags))])];
  return set;
}

/** After the record is written: its assignment history row (unless the turn wrote it) and the rule's follow-up task. */
async function recordAssignment(tx: Tx, ctx: TenantContext, kind: RecordKind, row: RecordRow, rule: AssignmentRule, userId: string, recorded: boolean): Promise<void> {
  if (!recorded) await tx.insert(recordAssignments).values({ tenantId: ctx.tenantId, recordType: kind, recordId: row.id, userId, ruleId: rule.id, assignedByUserId: ctx.actor.userId });
  const hours = rule.actions?.followUpHours;
  if (hours) {
    await createActivityIn(tx, ctx, {
      activityType: "TASK",
      recordType: kind,
      recordId: row.id,
      subject: `Follow up: ${RECORD_KINDS[kind].title(row)}`,
      dueAt: new Date(Date.now() + hours * 3_600_000).toISOString(),
      assignedUserId: userId,
    });
  }
}

const routable = (kind: RecordKind, input: Record<string, unknown>) => kind !== "COMPANY" && input.ownedByUserId == null && input.ownedByGroupId == null;

/** A decision made before the insert (assignBeforeInsert), finished by routeNewRecord after it. */
export interface EarlyAssignment {
  rule: AssignmentRule;
  userId: string;
}

/**
 * Before the insert: when the first rule has no condition (it matches every record, the
 * common "everyone in turn"), its choice needs nothing of the stored row, so the owner
 * goes into the INSERT itself instead of an UPDATE right after it (which, with the owner
 * in indexes, rewrote every index entry of the new row). Sets `values`; null when the
 * decision needs the row (a condition first) or the first rule finds nobody.
 */
export async function assignBeforeInsert(tx: Tx, ctx: TenantContext, kind: RecordKind, input: Record<string, unknown>, values: Record<string, unknown>, rules: readonly AssignmentRule[]): Promise<EarlyAssignment | null> {
  const rule = rules[0];
  if (!rule || rule.condition || !routable(kind, input)) return null;
  const chosen = await chooseAssignee(tx, ctx, kind, rule, true);
  if (!chosen) return null;
  Object.assign(values, await assignedValues(tx, ctx, kind, rule, chosen.userId, input, (values.tags as string[] | undefined) ?? []));
  return { rule, userId: chosen.userId };
}

/**
 * The create path's hook: `row` was just inserted from `input` (as parsed). When the
 * input named no owner, the first rule that matches gives it one, sets the lead's
 * assignedAt, applies the rule's actions (priority, tags, a follow-up task for the new
 * owner), and records the assignment. Returns the row as it is now. `enabledRules`: the
 * type's enabled rules when the caller read them already (a create of many reads them once).
 * `early`: the decision assignBeforeInsert made (the row has its owner): only its history
 * and task remain; when it found nobody (null), the rules after the first are tried.
 */
export async function routeNewRecord(
  tx: Tx,
  ctx: TenantContext,
  kind: RecordKind,
  row: RecordRow,
  input: Record<string, unknown>,
  enabledRules?: readonly AssignmentRule[],
  early?: EarlyAssignment | null,
): Promise<RecordRow> {
  if (!routable(kind, input)) return row;
  if (early) {
    await recordAssignment(tx, ctx, kind, row, early.rule, early.userId, false);
    return row;
  }
  // the first rule, condition free, was tried before the insert and found nobody
  const rules = early === null && enabledRules?.[0] && !enabledRules[0].condition ? enabledRules.slice(1) : enabledRules;
  const chosen = await decide(tx, ctx, kind, row.id, true, rules);
  if (!chosen) return row;
  const { rule, userId, recorded } = chosen;
  const t = tableOf(RECORD_KINDS[kind]);
  const set = await assignedValues(tx, ctx, kind, rule, userId, input, (row.tags as string[]) ?? []);
  const [updated] = (await tx
    .update(t)
    .set(set as never)
    .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, row.id)))
    .returning()) as RecordRow[];
  await recordAssignment(tx, ctx, kind, updated!, rule, userId, recorded);
  return updated!;
}
