// Assignment rules' services (GET|POST /assignment-rules, GET|PATCH|DELETE
// /assignment-rules/{id}), a record's assignment history (GET /leads/{id}/assignments),
// and the settings page's "who would get this?" (no side effects). The rules act in
// assign.ts, on the create path.
import "server-only";
import { and, asc, eq, max, sql } from "drizzle-orm";
import { assignmentRules, recordAssignments, tenantGroups, tenantUsers, users, type AssignmentRule } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { definitionsOfOnce } from "@/lib/custom-fields/service";
import { notFound, validationError, type ValidationIssue } from "@/lib/errors";
import { validateFilter } from "@/lib/filters/schema";
import { getRecord } from "@/lib/records/service";
import type { RecordKind } from "@/lib/records/registry";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { decide, rulesFor } from "./assign";
import { assignmentRuleCreateSchema, assignmentRuleUpdateSchema, type AssignableType, type AssignmentRuleCreateInput, type AssignmentRuleUpdateInput } from "./schemas";

export const ruleJson = (r: AssignmentRule) => ({
  id: r.id,
  name: r.name,
  objectType: r.objectType as AssignableType,
  condition: r.condition ?? null,
  strategy: r.strategy,
  userId: r.userId,
  groupId: r.groupId,
  priority: r.priority,
  enabled: r.enabled,
  actions: r.actions ?? {},
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
export type AssignmentRuleJson = ReturnType<typeof ruleJson>;

type Merged = { objectType: string; condition?: unknown; strategy: string; userId?: string | null; groupId?: string | null };

/** The condition fits the type's fields, the user is an active member, the group exists (422 naming the field). */
async function checkRule(tx: Tx, tenantId: string, v: Merged): Promise<void> {
  const issues: ValidationIssue[] = [];
  if (v.condition) {
    const result = validateFilter(v.objectType as AssignableType, v.condition, { customFields: await definitionsOfOnce(tx, tenantId, v.objectType as AssignableType) });
    if (!result.ok) issues.push(...result.errors.map((e) => ({ ...e, path: e.path.replace(/^filter/, "condition") })));
  }
  if (v.strategy === "USER") {
    if (!v.userId) issues.push({ path: "userId", message: "is required for the USER strategy" });
    else {
      const [u] = await tx.select({ id: tenantUsers.userId }).from(tenantUsers).where(and(eq(tenantUsers.tenantId, tenantId), eq(tenantUsers.userId, v.userId), eq(tenantUsers.isActive, true)));
      if (!u) issues.push({ path: "userId", message: "is not an active user of this workspace" });
    }
  } else if (!v.groupId) issues.push({ path: "groupId", message: `is required for the ${v.strategy} strategy` });
  else {
    const [g] = await tx.select({ id: tenantGroups.id }).from(tenantGroups).where(and(eq(tenantGroups.tenantId, tenantId), eq(tenantGroups.id, v.groupId)));
    if (!g) issues.push({ path: "groupId", message: "is not a group of this workspace" });
  }
  if (issues.length) throw validationError(issues);
}

/** The strategy's own target only: USER keeps userId, the others groupId. */
const targetOf = (v: Merged) => (v.strategy === "USER" ? { userId: v.userId ?? null, groupId: null } : { userId: null, groupId: v.groupId ?? null });

export async function listAssignmentRules(ctx: TenantContext, objectType?: AssignableType): Promise<AssignmentRule[]> {
  return withTenant(ctx, async (tx) => {
    const r = assignmentRules;
    return tx
      .select()
      .from(r)
      .where(and(eq(r.tenantId, ctx.tenantId), objectType ? eq(r.objectType, objectType) : undefined))
      .orderBy(asc(r.objectType), asc(r.priority), asc(r.createdAt), asc(r.id));
  });
}

async function loadRule(tx: Tx, tenantId: string, id: string, lock = false): Promise<AssignmentRule> {
  if (!isUuid(id)) throw notFound("Assignment rule");
  const q = tx.select().from(assignmentRules).where(and(eq(assignmentRules.tenantId, tenantId), eq(assignmentRules.id, id)));
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw notFound("Assignment rule");
  return row;
}

export async function getAssignmentRule(ctx: TenantContext, id: string): Promise<AssignmentRule> {
  return withTenant(ctx, (tx) => loadRule(tx, ctx.tenantId, id));
}

export async function createAssignmentRule(ctx: TenantContext, input: AssignmentRuleCreateInput): Promise<AssignmentRule> {
  assertCan(ctx.actor.role, "settings.manage");
  const data = assignmentRuleCreateSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    await checkRule(tx, ctx.tenantId, data);
    let priority = data.priority;
    if (priority === undefined) {
      const [last] = await tx.select({ p: max(assignmentRules.priority) }).from(assignmentRules).where(and(eq(assignmentRules.tenantId, ctx.tenantId), eq(assignmentRules.objectType, data.objectType)));
      priority = last?.p == null ? 10 : last.p + 10;
    }
    const [row] = await tx
      .insert(assignmentRules)
      .values({ tenantId: ctx.tenantId, name: data.name, objectType: data.objectType, condition: data.condition ?? null, strategy: data.strategy, ...targetOf(data), priority, enabled: data.enabled ?? true, actions: data.actions ?? {} })
      .returning();
    return row!;
  });
}

export async function updateAssignmentRule(ctx: TenantContext, id: string, input: AssignmentRuleUpdateInput): Promise<AssignmentRule> {
  assertCan(ctx.actor.role, "settings.manage");
  const data = assignmentRuleUpdateSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const before = await loadRule(tx, ctx.tenantId, id, true);
    const merged = { ...before, ...Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) } as AssignmentRule;
    await checkRule(tx, ctx.tenantId, merged);
    const [row] = await tx
      .update(assignmentRules)
      .set({
        name: merged.name,
        objectType: merged.objectType,
        condition: merged.condition ?? null,
        strategy: merged.strategy,
        ...targetOf(merged),
        priority: merged.priority,
        enabled: merged.enabled,
        actions: merged.actions ?? {},
        updatedAt: sql`now()`,
      })
      .where(and(eq(assignmentRules.tenantId, ctx.tenantId), eq(assignmentRules.id, id)))
      .returning();
    return row!;
  });
}

export async function deleteAssignmentRule(ctx: TenantContext, id: string): Promise<void> {
  assertCan(ctx.actor.role, "settings.manage");
  await withTenant(ctx, async (tx) => {
    await loadRule(tx, ctx.tenantId, id, true);
    await tx.delete(assignmentRules).where(and(eq(assignmentRules.tenantId, ctx.tenantId), eq(assignmentRules.id, id)));
  });
}

/** Moves a rule one place up or down among its type's rules (renumbers them 10, 20, …). */
export async function moveAssignmentRule(ctx: TenantContext, id: string, direction: "up" | "down"): Promise<void> {
  assertCan(ctx.actor.role, "settings.manage");
  await withTenant(ctx, async (tx) => {
    const rule = await loadRule(tx, ctx.tenantId, id, true);
    const rules = await rulesFor(tx, ctx.tenantId, rule.objectType as RecordKind, false);
    const i = rules.findIndex((r) => r.id === id);
    const j = direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= rules.length) return;
    [rules[i], rules[j]] = [rules[j]!, rules[i]!];
    for (const [k, r] of rules.entries()) {
      await tx.update(assignmentRules).set({ priority: (k + 1) * 10 }).where(and(eq(assignmentRules.tenantId, ctx.tenantId), eq(assignmentRules.id, r.id)));
    }
  });
}

export interface AssignmentEntry {
  userId: string;
  userName: string | null;
  ruleId: string | null;
  ruleName: string | null;
  assignedAt: string;
  assignedBy: string | null;
}

/** The record's assignment history, oldest first (404 when the actor cannot read the record). */
export async function listAssignments(ctx: TenantContext, kind: RecordKind, recordId: string): Promise<AssignmentEntry[]> {
  await getRecord(ctx, kind, recordId);
  return withTenant(ctx, async (tx) => {
    const a = recordAssignments;
    const rows = await tx
      .select({ userId: a.userId, userName: users.name, ruleId: a.ruleId, ruleName: assignmentRules.name, assignedAt: a.assignedAt, assignedBy: a.assignedByUserId })
      .from(a)
      .leftJoin(users, eq(users.id, a.userId))
      .leftJoin(assignmentRules, and(eq(assignmentRules.tenantId, a.tenantId), eq(assignmentRules.id, a.ruleId)))
      .where(and(eq(a.tenantId, ctx.tenantId), eq(a.recordType, kind), eq(a.recordId, recordId)))
      .orderBy(asc(a.assignedAt), asc(a.id));
    return rows.map((r) => ({ ...r, assignedAt: r.assignedAt.toISOString() }));
  });
}

/** "Who would get this?": the rule and member the record would get if it were created now (nothing changes). */
export async function previewAssignment(ctx: TenantContext, kind: RecordKind, recordId: string): Promise<{ ruleId: string; ruleName: string; userId: string; userName: string | null } | null> {
  await getRecord(ctx, kind, recordId);
  return withTenant(ctx, async (tx) => {
    const chosen = await decide(tx, ctx, kind, recordId, false);
    if (!chosen) return null;
    const [u] = await tx.select({ name: users.name }).from(users).where(eq(users.id, chosen.userId));
    return { ruleId: chosen.rule.id, ruleName: chosen.rule.name, userId: chosen.userId, userName: u?.name ?? null };
  });
}
