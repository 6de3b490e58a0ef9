// "Why can I see this?" (issue 15 item 5), for admins. Both answers come from the database's
// own rule, so they cannot disagree with what a user actually gets:
// - who can see and edit a record: access_explain() evaluates, for every active member,
//   access_scope_ids() — the function the RLS policies call — as that member against the
//   record's owners and assignees; this module only names the ids that matched (the why);
// - what a user can see of a type: the list read as that user (withTenant with their id and
//   role), i.e. through the RLS policies themselves.
import "server-only";
import { sql } from "drizzle-orm";
import { assertCan, can, type Role } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { countMatching } from "@/lib/views/table-query";
import { listRecords } from "@/lib/records/queries";
import { RECORD_KINDS, type RecordKind } from "@/lib/records/registry";
import { getRecord } from "@/lib/records/service";
import { getAccessPolicy } from "./access-policy";
import { accessSummary, TYPE_PLURAL, type AccessPolicy, type AccessRole } from "./access-schemas";
import type { TenantContext } from "./context";
import { listGroups, type Group } from "./groups";
import { listMembers } from "./members";
import { withTenant } from "./with-tenant";

export interface AccessVerdict {
  userId: string;
  name: string;
  email: string;
  role: Role;
  canRead: boolean;
  canWrite: boolean;
  /** Why they can see it (or why not), in plain words. */
  reasons: string[];
}

type ExplainRow = {
  user_id: string;
  role: Role;
  can_read: boolean;
  can_write: boolean;
  read_ids: string[] | null;
  write_ids: string[] | null;
};

const ROLE_WORD: Record<Role, string> = { admin: "Admins", manager: "Managers", sales_rep: "Sales reps", readonly: "Read-only users" };

/** Every active member's access to one record, and why. */
export async function explainRecordAccess(ctx: TenantContext, kind: RecordKind, id: string): Promise<AccessVerdict[]> {
  assertCan(ctx.actor.role, "settings.manage");
  const record = await getRecord(ctx, kind, id);
  const [rows, members, groups, policy] = await Promise.all([
    withTenant(ctx, (tx) => tx.execute<ExplainRow>(sql`select * from access_explain(${kind}::crm_record_type, ${id}::uuid)`)),
    listMembers(ctx),
    listGroups(ctx),
    getAccessPolicy(ctx),
  ]);
  if (rows.length === 0) throw notFound(RECORD_KINDS[kind].singular);
  const byId = new Map(members.map((m) => [m.userId, m]));
  const owners = {
    ownedByUserId: (record.ownedByUserId as string | null) ?? null,
    ownedByGroupId: (record.ownedByGroupId as string | null) ?? null,
    assignedUserId: ((record as Record<string, unknown>).assignedUserId as string | null | undefined) ?? null,
    assignedGroupId: ((record as Record<string, unknown>).assignedGroupId as string | null | undefined) ?? null,
  };
  const verdicts = [...rows].map((r): AccessVerdict => {
    const m = byId.get(r.user_id);
    const canWrite = r.can_write && can(r.role, "records.write");
    return {
      userId: r.user_id,
      name: m?.name ?? "(unknown)",
      email: m?.email ?? "",
      role: r.role,
      canRead: r.can_read,
      canWrite,
      reasons: reasonsFor(kind, r, owners, groups, byId, policy),
    };
  });
  return verdicts.sort((a, b) => Number(b.canRead) - Number(a.canRead) || a.name.localeCompare(b.name));
}

type Owners = { ownedByUserId: string | null; ownedByGroupId: string | null; assignedUserId: string | null; assignedGroupId: string | null };

function reasonsFor(kind: RecordKind, r: ExplainRow, owners: Owners, groups: Group[], members: Map<string, { name: string }>, policy: AccessPolicy): string[] {
  const plural = TYPE_PLURAL[kind];
  if (r.role === "admin") return [`Admins see and edit all ${plural}`];
  const out: string[] = [];
  if (r.read_ids === null) out.push(`${ROLE_WORD[r.role]} see all ${plural}`);
  else for (const matched of r.read_ids) out.push(...why(r.user_id, matched, owners, groups, members));
  // the policy in plain words, for whoever is limited by it
  if (!r.can_read || !(r.can_write && can(r.role, "records.write"))) out.push(accessSummary(r.role as AccessRole, kind, policy[r.role as AccessRole][kind]));
  return [...new Set(out)];
}

/** How one matched owner/assignee id puts the record in the user's scope. */
function why(userId: string, matched: string, o: Owners, groups: Group[], members: Map<string, { name: string }>): string[] {
  const out: string[] = [];
  const verb = (id: string) => [o.ownedByUserId === id || o.ownedByGroupId === id ? "owns" : null, o.assignedUserId === id || o.assignedGroupId === id ? "is assigned" : null].filter(Boolean).join(" and ");
  if (matched === userId) return [o.ownedByUserId === userId ? "Owner" : "Assignee"];
  const group = groups.find((g) => g.id === matched);
  if (group) {
    if (group.memberUserIds.includes(userId)) out.push(`Member of group ${group.name}, which ${verb(matched)} it`);
    if (group.managerUserId === userId) out.push(`Manages team ${group.name}, which ${verb(matched)} it`);
    return out;
  }
  // another user: a member of a team they manage or belong to
  const name = members.get(matched)?.name ?? "a teammate";
  for (const g of groups.filter((g) => g.memberUserIds.includes(matched))) {
    if (g.managerUserId === userId) out.push(`Manages team ${g.name}; ${name} (a member) ${verb(matched)} it`);
    else if (g.memberUserIds.includes(userId)) out.push(`In team ${g.name} with ${name}, who ${verb(matched)} it`);
  }
  return out;
}

export interface VisibleRecords {
  role: Role;
  count: number;
  /** The count stopped at its cap. */
  capped: boolean;
  records: { id: string; title: string }[];
}

/** What `userId` can see of `kind`: the first `limit` records and their count, read as them. */
export async function recordsVisibleTo(ctx: TenantContext, userId: string, kind: RecordKind, limit = 10): Promise<VisibleRecords> {
  assertCan(ctx.actor.role, "settings.manage");
  const member = (await listMembers(ctx)).find((m) => m.userId === userId && m.isActive);
  if (!member) throw notFound("Member");
  const as: TenantContext = { tenantId: ctx.tenantId, actor: { kind: "user", userId, role: member.role, source: "USER" } };
  const [page, count] = await Promise.all([listRecords(as, kind, { limit }), countMatching(as, kind, null, undefined)]);
  const def = RECORD_KINDS[kind];
  return { role: member.role, count: count.count, capped: count.capped, records: page.data.map((r) => ({ id: String(r.id), title: def.title(r) })) };
}
