// The access-scope tests' workspace (issue 15): a manager, reps and a readonly user in two
// groups (one managed), and records of every type owned or assigned in every way that
// matters — with the independent computation of who may reach which of them, in plain
// TypeScript over the same facts, that the tests compare the database's answers with.
import { createRecord } from "@/lib/records/service";
import type { RecordKind } from "@/lib/records/registry";
import { putAccessPolicy } from "@/lib/tenancy/access-policy";
import { ACCESS_RECORD_TYPES, type AccessRole, type AccessScope } from "@/lib/tenancy/access-schemas";
import type { TenantContext } from "@/lib/tenancy/context";
import { createGroup } from "@/lib/tenancy/groups";
import { makeMember, makeTenant } from "./factories";

export const TITLE: Record<RecordKind, string> = { CONTACT: "firstName", COMPANY: "name", LEAD: "firstName", DEAL: "name", TICKET: "subject" };
const ASSIGNABLE = new Set<RecordKind>(["DEAL", "TICKET"]);

export interface Rec {
  id: string;
  kind: RecordKind;
  owners: (string | null)[];
  pipelineId: string | null;
}

export async function world() {
  const t = await makeTenant();
  const manager = await makeMember(t.tenantId, "manager", "Mia Manager");
  const rep = await makeMember(t.tenantId, "sales_rep", "Rob Rep");
  const teammate = await makeMember(t.tenantId, "sales_rep", "Tess Teammate");
  const loner = await makeMember(t.tenantId, "sales_rep", "Lou Loner");
  const readonly = await makeMember(t.tenantId, "readonly", "Ray Readonly");
  // the team: rep and teammate, managed by manager (who is not a member); readonly and loner in another
  const team = await createGroup(t.ctx, { name: "EMEA", memberUserIds: [rep.userId, teammate.userId], managerUserId: manager.userId });
  const other = await createGroup(t.ctx, { name: "APAC", memberUserIds: [readonly.userId, loner.userId] });
  const groups = [
    { id: team.id, members: [rep.userId, teammate.userId], manager: manager.userId as string | null },
    { id: other.id, members: [readonly.userId, loner.userId], manager: null as string | null },
  ];
  type Shape = { ownedByUserId?: string; ownedByGroupId?: string; assignedUserId?: string; assignedGroupId?: string };
  const shapes: Shape[] = [
    { ownedByUserId: rep.userId },
    { ownedByUserId: teammate.userId },
    { ownedByUserId: loner.userId },
    { ownedByUserId: manager.userId },
    { ownedByUserId: readonly.userId },
    { ownedByGroupId: team.id },
    { ownedByGroupId: other.id },
    {},
  ];
  const assignedShapes: Shape[] = [{ ownedByUserId: loner.userId, assignedUserId: rep.userId }, { assignedGroupId: team.id }, { ownedByUserId: rep.userId, assignedUserId: loner.userId }];
  const records = {} as Record<RecordKind, Rec[]>;
  for (const kind of ACCESS_RECORD_TYPES) {
    records[kind] = [];
    const all = ASSIGNABLE.has(kind) ? [...shapes, ...assignedShapes] : shapes;
    for (const [i, s] of all.entries()) {
      const row = await createRecord(t.ctx, kind, { [TITLE[kind]]: `Zephyrine ${kind.toLowerCase()} ${i}`, ...s });
      records[kind].push({ id: row.id, kind, owners: [s.ownedByUserId ?? null, s.ownedByGroupId ?? null, s.assignedUserId ?? null, s.assignedGroupId ?? null], pipelineId: (row.pipelineId as string | null) ?? null });
    }
  }
  return { t, users: { manager, sales_rep: rep, readonly }, groups, records };
}

/** The scope computed apart from the database: the ids (users and groups) whose records a user reaches. */
export function expectedIds(userId: string, scope: AccessScope, groups: { id: string; members: string[]; manager: string | null }[]): Set<string> | null {
  if (scope === "all") return null;
  const mine = groups.filter((g) => g.members.includes(userId));
  const ids = new Set([userId, ...mine.map((g) => g.id)]);
  if (scope === "own") return ids;
  const teams = [...mine, ...groups.filter((g) => g.manager === userId)];
  for (const g of teams) {
    ids.add(g.id);
    for (const m of g.members) ids.add(m);
  }
  return ids;
}

export const visible = (recs: Rec[], ids: Set<string> | null) => recs.filter((r) => !ids || r.owners.some((o) => o && ids.has(o))).map((r) => r.id).sort();

export async function policyFor(admin: TenantContext, role: AccessRole, read: AccessScope, write: AccessScope) {
  await putAccessPolicy(admin, { [role]: Object.fromEntries(ACCESS_RECORD_TYPES.map((k) => [k, { read, write }])) });
}
