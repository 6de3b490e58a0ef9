// Assignment rules on the create path, against Postgres: round robin stays fair under
// concurrent creates, LEAST_OPEN picks the member with the fewest open records, the first
// matching enabled rule wins, its actions apply, and records created with an owner are
// left alone.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activities, assignmentRules } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createRecord, deleteRecord, getRecord } from "@/lib/records/service";
import { createGroup } from "@/lib/tenancy/groups";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { createAssignmentRule, listAssignments, previewAssignment, updateAssignmentRule } from "./service";

async function teamOf(n: number, name = "Team") {
  const t = await makeTenant(`${name} Co`);
  const members = [];
  for (let i = 0; i < n; i++) members.push(await makeMember(t.tenantId, "sales_rep", `Rep ${i}`));
  const group = await createGroup(t.ctx, { name, memberUserIds: members.map((m) => m.userId) });
  return { t, members, group };
}

const countBy = (values: unknown[]) => values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [String(v)]: (acc[String(v)] ?? 0) + 1 }), {});

describe("assignment rules on create", () => {
  it("round robin gives each of 3 members 10 of 30 concurrent creates, sets assignedAt and keeps the history", async () => {
    const { t, members, group } = await teamOf(3, "Round");
    const rule = await createAssignmentRule(t.ctx, { name: "Everyone in turn", objectType: "LEAD", strategy: "ROUND_ROBIN", groupId: group.id });
    const leads = await Promise.all(Array.from({ length: 30 }, (_, i) => createRecord(t.ctx, "LEAD", { firstName: `L${i}` })));
    const counts = countBy(leads.map((l) => l.ownedByUserId));
    expect(Object.keys(counts).sort()).toEqual(members.map((m) => m.userId).sort());
    expect(Object.values(counts)).toEqual([10, 10, 10]);
    expect(leads.every((l) => l.assignedAt instanceof Date)).toBe(true);
    const history = await listAssignments(t.ctx, "LEAD", leads[0]!.id);
    expect(history).toEqual([expect.objectContaining({ userId: leads[0]!.ownedByUserId, ruleId: rule.id, ruleName: "Everyone in turn", assignedBy: t.userId })]);
    // 31 over 3: ⌊31/3⌋ or ⌈31/3⌉ each
    const more = await Promise.all(Array.from({ length: 31 }, (_, i) => createRecord(t.ctx, "LEAD", { firstName: `M${i}` })));
    expect(Object.values(countBy(more.map((l) => l.ownedByUserId))).sort()).toEqual([10, 10, 11]);
  });

  it("LEAST_OPEN picks the active member with the fewest open records of the type (deleted ones do not count)", async () => {
    const { t, members, group } = await teamOf(2, "Least");
    const [a, b] = members as [(typeof members)[0], (typeof members)[0]];
    for (let i = 0; i < 3; i++) await createRecord(t.ctx, "LEAD", { firstName: `A${i}`, ownedByUserId: a.userId });
    const gone = await createRecord(t.ctx, "LEAD", { firstName: "B0", ownedByUserId: b.userId });
    await createRecord(t.ctx, "LEAD", { firstName: "B1", ownedByUserId: b.userId });
    await deleteRecord(t.ctx, "LEAD", gone.id);
    await createRecord(t.ctx, "CONTACT", { firstName: "Not a lead", ownedByUserId: b.userId });
    await createAssignmentRule(t.ctx, { name: "Least busy", objectType: "LEAD", strategy: "LEAST_OPEN", groupId: group.id });
    // a: 3 open, b: 1 → b, b, then 3 / 3
    const first = await createRecord(t.ctx, "LEAD", { firstName: "N1" });
    const second = await createRecord(t.ctx, "LEAD", { firstName: "N2" });
    expect([first.ownedByUserId, second.ownedByUserId]).toEqual([b.userId, b.userId]);
    const both = await Promise.all([createRecord(t.ctx, "LEAD", { firstName: "N3" }), createRecord(t.ctx, "LEAD", { firstName: "N4" })]);
    expect(both.map((l) => l.ownedByUserId).sort()).toEqual([a.userId, b.userId].sort());
  });

  it("the first enabled rule whose condition matches wins, and applies its actions", async () => {
    const t = await makeTenant("Rules Co");
    const web = await makeMember(t.tenantId, "sales_rep", "Web rep");
    const rest = await makeMember(t.tenantId, "sales_rep", "Other rep");
    const off = await makeMember(t.tenantId, "sales_rep", "Off rep");
    const disabled = await createAssignmentRule(t.ctx, { name: "Off", objectType: "LEAD", strategy: "USER", userId: off.userId, priority: 1, enabled: false });
    await createAssignmentRule(t.ctx, {
      name: "Web leads",
      objectType: "LEAD",
      condition: { all: [{ field: "source", op: "eq", value: "web_form" }] },
      strategy: "USER",
      userId: web.userId,
      priority: 10,
      actions: { priority: "high", tags: ["inbound"], followUpHours: 4 },
    });
    await createAssignmentRule(t.ctx, { name: "The rest", objectType: "LEAD", strategy: "USER", userId: rest.userId, priority: 20 });

    const fromWeb = await createRecord(t.ctx, "LEAD", { firstName: "Wendy", source: "WEB_FORM", tags: ["x"] });
    expect(fromWeb).toMatchObject({ ownedByUserId: web.userId, priority: "high", tags: ["x", "inbound"] });
    const tasks = await withTenant(t.ctx, (tx) => tx.select().from(activities).where(and(eq(activities.tenantId, t.tenantId), eq(activities.recordId, fromWeb.id))));
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ activityType: "TASK", assignedUserId: web.userId, subject: "Follow up: Wendy" });
    const hours = (tasks[0]!.dueAt!.getTime() - fromWeb.createdAt.getTime()) / 3_600_000;
    expect(hours).toBeGreaterThan(3.9);
    expect(hours).toBeLessThan(4.1);

    const other = await createRecord(t.ctx, "LEAD", { firstName: "Olga", source: "referral", priority: "low" });
    expect(other).toMatchObject({ ownedByUserId: rest.userId, priority: "low", tags: [] });

    // a contact is routed by contact rules only
    const contact = await createRecord(t.ctx, "CONTACT", { firstName: "Carl" });
    expect(contact.ownedByUserId).toBe(t.userId);

    await updateAssignmentRule(t.ctx, disabled.id, { enabled: true });
    expect((await createRecord(t.ctx, "LEAD", { firstName: "Now off's" })).ownedByUserId).toBe(off.userId);
  });

  it("a first rule without a condition decides before the insert, actions and history included; one that finds nobody passes to the next", async () => {
    const { t, members, group } = await teamOf(1, "Early");
    const empty = await createGroup(t.ctx, { name: "Nobody", memberUserIds: [] });
    await createAssignmentRule(t.ctx, { name: "Empty team", objectType: "LEAD", strategy: "ROUND_ROBIN", groupId: empty.id, priority: 1 });
    const rule = await createAssignmentRule(t.ctx, {
      name: "In turn",
      objectType: "LEAD",
      strategy: "ROUND_ROBIN",
      groupId: group.id,
      priority: 2,
      actions: { priority: "urgent", tags: ["routed"], followUpHours: 2 },
    });
    const lead = await createRecord(t.ctx, "LEAD", { firstName: "Fay", tags: ["x"] });
    expect(lead).toMatchObject({ ownedByUserId: members[0]!.userId, priority: "urgent", tags: ["x", "routed"] });
    expect(await listAssignments(t.ctx, "LEAD", lead.id)).toEqual([expect.objectContaining({ userId: members[0]!.userId, ruleId: rule.id })]);
    const tasks = await withTenant(t.ctx, (tx) => tx.select().from(activities).where(and(eq(activities.tenantId, t.tenantId), eq(activities.recordId, lead.id))));
    expect(tasks).toEqual([expect.objectContaining({ activityType: "TASK", subject: "Follow up: Fay", assignedUserId: members[0]!.userId })]);

    // with the empty team's rule alone nobody is found: the creator keeps the lead
    await updateAssignmentRule(t.ctx, rule.id, { enabled: false });
    const kept = await createRecord(t.ctx, "LEAD", { firstName: "Gus" });
    expect(kept).toMatchObject({ ownedByUserId: t.userId, priority: null });
    expect(await listAssignments(t.ctx, "LEAD", kept.id)).toEqual([]);
  });

  it("leaves records created with an owner (user or group) untouched, with no history", async () => {
    const { t, members, group } = await teamOf(2, "Owned");
    await createAssignmentRule(t.ctx, { name: "All", objectType: "LEAD", strategy: "ROUND_ROBIN", groupId: group.id });
    const mine = await createRecord(t.ctx, "LEAD", { firstName: "Mine", ownedByUserId: t.userId });
    const theirs = await createRecord(t.ctx, "LEAD", { firstName: "Group's", ownedByGroupId: group.id });
    expect((await getRecord(t.ctx, "LEAD", mine.id)).ownedByUserId).toBe(t.userId);
    expect(await getRecord(t.ctx, "LEAD", theirs.id)).toMatchObject({ ownedByUserId: null, ownedByGroupId: group.id, assignedAt: null });
    expect(await listAssignments(t.ctx, "LEAD", mine.id)).toEqual([]);
    // and "who would get this?" only looks: the next create still gets the first member
    const probe = await previewAssignment(t.ctx, "LEAD", mine.id);
    const again = await previewAssignment(t.ctx, "LEAD", mine.id);
    expect(probe).toEqual(again);
    const [rule] = await withTenant(t.ctx, (tx) => tx.select().from(assignmentRules).where(eq(assignmentRules.tenantId, t.tenantId)));
    expect(rule!.turns).toBe(0);
    const next = await createRecord(t.ctx, "LEAD", { firstName: "Next" });
    expect(next.ownedByUserId).toBe(probe!.userId);
    expect(members.map((m) => m.userId)).toContain(next.ownedByUserId);
  });

  it("refuses a rule without its strategy's target or with a condition that does not fit the type", async () => {
    const t = await makeTenant("Bad Rule Co");
    await expect(createAssignmentRule(t.ctx, { name: "x", objectType: "LEAD", strategy: "USER" })).rejects.toThrow();
    await expect(createAssignmentRule(t.ctx, { name: "x", objectType: "LEAD", strategy: "USER", userId: t.userId, condition: { field: "amount", op: "gt", value: 5 } })).rejects.toMatchObject({ code: "validation" });
  });
});
