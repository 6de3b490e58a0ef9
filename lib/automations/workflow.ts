// WORKFLOW actions: ordered steps run through the same services as every other writer
// (createActivity, updateRecord, moveRecord, addMembers/removeMembers), as the actor
// "automation" (source AUTOMATION, naming the automation so its own changes never
// re-trigger it). A step that breaks a rule (a refused move, a wrong value) stops the
// run: the execution FAILS with the step and the reason. Steps already done stay done —
// each service commits on its own — so a workflow is not retried automatically.
import "server-only";
import { addDays } from "date-fns";
import { and, asc, eq } from "drizzle-orm";
import { automationActions, deals, notifications, tenantGroupMembers, tenantUsers, tickets, type AutomationAction } from "@/db/schema";
import { originFrom } from "@/lib/public-origin";
import { enrollIn, loadSequence } from "@/lib/sequences/service";
import { createActivity } from "@/lib/activities/service";
import { AppError } from "@/lib/errors";
import { addMembers, removeMembers } from "@/lib/lists/members";
import { moveRecord, type PipelineKind } from "@/lib/pipelines/move-record";
import { RECORD_KINDS } from "@/lib/records/registry";
import { updateRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { activeWatcherIds } from "@/lib/watchers/notify-consumer";
import { failed, type Outcome } from "./outcome";
import { workflowConfigSchema, type AutomationEntityType, type WorkflowStep } from "./schemas";

/** The context an automation's run writes with. */
export const automationCtx = (tenantId: string, automationId: string): TenantContext => ({
  tenantId,
  actor: { kind: "system", userId: null, role: "admin", source: "AUTOMATION", automationId },
});

/** Sets one field the way any writer would: the stage through moveRecord, the rest through updateRecord. */
export async function setRecordField(ctx: TenantContext, kind: AutomationEntityType, id: string, field: string, value: unknown): Promise<void> {
  if (field === "stageId") {
    await moveRecord(ctx, kind as PipelineKind, id, { toStageId: String(value) });
    return;
  }
  const patch = field.startsWith("customFields.") ? { customFields: { [field.slice("customFields.".length)]: value } } : { [field]: value };
  await updateRecord(ctx, kind, id, patch);
}

/** The next active member of the group after the last one assigned (cursor kept on the automation). */
async function nextInRotation(ctx: TenantContext, automation: AutomationAction, groupId: string): Promise<string> {
  return withTenant(ctx, async (tx) => {
    const [row] = await tx
      .select({ state: automationActions.stateJson })
      .from(automationActions)
      .where(and(eq(automationActions.tenantId, ctx.tenantId), eq(automationActions.id, automation.id)))
      .for("update");
    const members = await tx
      .select({ userId: tenantGroupMembers.userId })
      .from(tenantGroupMembers)
      .innerJoin(tenantUsers, and(eq(tenantUsers.tenantId, tenantGroupMembers.tenantId), eq(tenantUsers.userId, tenantGroupMembers.userId)))
      .where(and(eq(tenantGroupMembers.tenantId, ctx.tenantId), eq(tenantGroupMembers.groupId, groupId), eq(tenantUsers.isActive, true)))
      .orderBy(asc(tenantGroupMembers.createdAt), asc(tenantGroupMembers.userId));
    if (members.length === 0) throw new AppError("conflict", "the group has no active members to assign");
    const state = row?.state ?? {};
    const cursors = (state.roundRobin ?? {}) as Record<string, string>;
    const last = members.findIndex((m) => m.userId === cursors[groupId]);
    const next = members[(last + 1) % members.length]!.userId;
    await tx
      .update(automationActions)
      .set({ stateJson: { ...state, roundRobin: { ...cursors, [groupId]: next } } })
      .where(and(eq(automationActions.tenantId, ctx.tenantId), eq(automationActions.id, automation.id)));
    return next;
  });
}

/** Notifies everyone following the record (users and members of watching groups). */
async function notifyWatchers(ctx: TenantContext, automation: AutomationAction, kind: AutomationEntityType, id: string, title: string, message: string | undefined): Promise<number> {
  return withTenant(ctx, async (tx) => {
    const userIds = await activeWatcherIds(tx, ctx.tenantId, kind, id);
    if (userIds.length === 0) return 0;
    await tx.insert(notifications).values(
      userIds.map((userId) => ({ tenantId: ctx.tenantId, userId, kind: "automation", title: `${automation.name}: ${title}`, body: message ?? null, recordType: kind, recordId: id })),
    );
    return userIds.length;
  });
}

/** The record's contact joins the sequence (a contact itself, or a deal's, lead's or ticket's contact). */
async function enrollFromAutomation(ctx: TenantContext, kind: AutomationEntityType, id: string, sequenceId: string): Promise<string> {
  return withTenant(ctx, async (tx) => {
    let contactId: string | null = id;
    if (kind !== "CONTACT") {
      const table = { DEAL: deals, TICKET: tickets, LEAD: null, COMPANY: null }[kind];
      if (!table) throw new AppError("validation", `a ${kind.toLowerCase()} has no contact to enroll`);
      const [row] = await tx.select({ contactId: table.contactId }).from(table).where(and(eq(table.tenantId, ctx.tenantId), eq(table.id, id)));
      contactId = row?.contactId ?? null;
    }
    if (!contactId) throw new AppError("validation", "the record has no contact to enroll");
    const seq = await loadSequence(tx, ctx, sequenceId);
    const r = await enrollIn(tx, ctx, seq, [contactId], "AUTOMATION", originFrom(new Headers()));
    return r.enrolled ? `contact ${contactId} enrolled in sequence ${sequenceId}` : `contact ${contactId} skipped (already in the sequence, no address, or suppressed)`;
  });
}

async function runStep(ctx: TenantContext, automation: AutomationAction, kind: AutomationEntityType, id: string, title: string, step: WorkflowStep): Promise<string> {
  switch (step.type) {
    case "createTask": {
      const task = await createActivity(ctx, {
        activityType: "TASK",
        recordType: kind,
        recordId: id,
        subject: step.subject,
        body: step.body ?? null,
        dueAt: step.dueInDays !== undefined ? addDays(new Date(), step.dueInDays).toISOString() : null,
        priority: step.priority ?? null,
        assignedUserId: step.assignedUserId ?? null,
        assignedGroupId: step.assignedGroupId ?? null,
      });
      return `task ${task.id} created`;
    }
    case "setField":
      await setRecordField(ctx, kind, id, step.field, step.value);
      return `${step.field} set`;
    case "assignRoundRobin": {
      const userId = await nextInRotation(ctx, automation, step.groupId);
      await updateRecord(ctx, kind, id, { ownedByUserId: userId, ownedByGroupId: null });
      return `assigned to user ${userId}`;
    }
    case "addToList":
      await addMembers(ctx, step.listId, { memberIds: [id] });
      return `added to list ${step.listId}`;
    case "removeFromList":
      await removeMembers(ctx, step.listId, { memberIds: [id] });
      return `removed from list ${step.listId}`;
    case "notifyWatchers":
      return `${await notifyWatchers(ctx, automation, kind, id, title, step.message)} watcher(s) notified`;
    case "enrollInSequence":
      return enrollFromAutomation(ctx, kind, id, step.sequenceId);
  }
}

export async function runWorkflow(automation: AutomationAction, entityId: string, record: Record<string, unknown> | null): Promise<Outcome> {
  const parsed = workflowConfigSchema.safeParse(automation.configJson);
  if (!parsed.success) return failed("The workflow's configuration is not valid; edit the automation");
  if (!record || record.deletedAt) return failed("The record no longer exists");
  const kind = automation.entityType as AutomationEntityType;
  const ctx = automationCtx(automation.tenantId, automation.id);
  const title = RECORD_KINDS[kind].title(record);
  const done: string[] = [];
  for (const [i, step] of parsed.data.steps.entries()) {
    try {
      done.push(`${i + 1}. ${step.type}: ${await runStep(ctx, automation, kind, entityId, title, step)}`);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      return failed(`Step ${i + 1} (${step.type}${step.type === "setField" ? ` ${step.field}` : ""}) failed: ${reason}`, { responseBody: done.join("\n") || null, request: parsed.data });
    }
  }
  return { result: "succeeded", responseBody: done.join("\n"), request: parsed.data };
}
