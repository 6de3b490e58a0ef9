// "Why can I see this?" against what each user actually gets: for every record of a small
// world (owners, groups, a team with its manager; own/team/all policies), the panel's
// verdict for every member equals what that member reads and writes through withTenant,
// and a user's visible records are exactly those the panel says they can see.
import { describe, expect, it } from "vitest";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { RecordKind } from "@/lib/records/registry";
import { createRecord, getRecord, updateRecord } from "@/lib/records/service";
import { explainRecordAccess, recordsVisibleTo } from "./access-explain";
import { putAccessPolicy } from "./access-policy";
import type { TenantContext } from "./context";
import { createGroup } from "./groups";

const TITLE: Partial<Record<RecordKind, string>> = { CONTACT: "firstName", DEAL: "name" };

async function world() {
  const t = await makeTenant();
  const manager = await makeMember(t.tenantId, "manager", "Mia Manager");
  const rep = await makeMember(t.tenantId, "sales_rep", "Rob Rep");
  const teammate = await makeMember(t.tenantId, "sales_rep", "Tess Teammate");
  const loner = await makeMember(t.tenantId, "sales_rep", "Lou Loner");
  const viewer = await makeMember(t.tenantId, "readonly", "Vic Viewer");
  const team = await createGroup(t.ctx, { name: "EMEA", memberUserIds: [rep.userId, teammate.userId], managerUserId: manager.userId });
  await putAccessPolicy(t.ctx, {
    sales_rep: { CONTACT: { read: "own", write: "own" }, DEAL: { read: "team", write: "own" } },
    manager: { CONTACT: { read: "team", write: "team" }, DEAL: { read: "team", write: "team" } },
    readonly: { CONTACT: { read: "own", write: "own" } },
  });
  const people = { admin: { userId: t.userId, ctx: t.ctx }, manager, rep, teammate, loner, viewer };
  const records: { kind: RecordKind; id: string }[] = [];
  const owners = [{ ownedByUserId: rep.userId }, { ownedByUserId: teammate.userId }, { ownedByUserId: loner.userId }, { ownedByUserId: viewer.userId }, { ownedByGroupId: team.id }, {}];
  for (const kind of ["CONTACT", "DEAL"] as const) {
    for (const [i, o] of owners.entries()) {
      const extra = kind === "DEAL" && i === 2 ? { assignedUserId: rep.userId } : {};
      const r = await createRecord(t.ctx, kind, { [TITLE[kind]!]: `${kind} ${i}`, ...o, ...extra });
      records.push({ kind, id: String(r.id) });
    }
  }
  return { t, people, records };
}

async function reads(ctx: TenantContext, kind: RecordKind, id: string): Promise<boolean> {
  return getRecord(ctx, kind, id).then(
    () => true,
    (err: unknown) => {
      if (err instanceof AppError && err.code === "not-found") return false;
      throw err;
    },
  );
}

/** A write as the product makes it: every action and route first checks the role's permission (lib/auth/permissions). */
async function writes(ctx: TenantContext, kind: RecordKind, id: string): Promise<boolean> {
  if (!can(ctx.actor.role, "records.write")) return false;
  const field = kind === "CONTACT" ? { jobTitle: "Checked" } : { name: "Checked" };
  return updateRecord(ctx, kind, id, field).then(
    () => true,
    (err: unknown) => {
      if (err instanceof AppError && (err.code === "not-found" || err.code === "forbidden")) return false;
      throw err;
    },
  );
}

describe("why can I see this", () => {
  it("says, for every member and record, exactly what they read and write through withTenant", async () => {
    const { t, people, records } = await world();
    const ctxOf = new Map(Object.values(people).map((p) => [p.userId, p.ctx]));
    let seen = 0;
    for (const rec of records) {
      const verdicts = await explainRecordAccess(t.ctx, rec.kind, rec.id);
      expect(verdicts.map((v) => v.userId).sort()).toEqual([...ctxOf.keys()].sort());
      for (const v of verdicts) {
        const ctx = ctxOf.get(v.userId)!;
        expect({ user: v.name, ...rec, canRead: v.canRead }).toEqual({ user: v.name, ...rec, canRead: await reads(ctx, rec.kind, rec.id) });
        expect({ user: v.name, ...rec, canWrite: v.canWrite }).toEqual({ user: v.name, ...rec, canWrite: await writes(ctx, rec.kind, rec.id) });
        expect(v.reasons.length).toBeGreaterThan(0);
        if (v.canRead && v.role !== "admin") seen++;
      }
    }
    // the world is not trivial: some see, some do not
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(records.length * 5);
  });

  it("names the reason: owner, group member, team manager, role with all", async () => {
    const { t, people, records } = await world();
    const [ownedByRep, , , , ownedByTeam] = records.filter((r) => r.kind === "CONTACT");
    const onRep = await explainRecordAccess(t.ctx, "CONTACT", ownedByRep!.id);
    const of = (list: typeof onRep, userId: string) => list.find((v) => v.userId === userId)!;
    expect(of(onRep, people.rep.userId)).toMatchObject({ canRead: true, canWrite: true, reasons: ["Owner"] });
    expect(of(onRep, people.manager.userId).reasons).toContain("Manages team EMEA; Rob Rep (a member) owns it");
    expect(of(onRep, people.teammate.userId)).toMatchObject({ canRead: false, canWrite: false });
    expect(of(onRep, people.teammate.userId).reasons.join(" ")).toMatch(/Sales reps see and edit only the contacts they or their groups own/);
    expect(of(onRep, people.admin.userId).reasons).toEqual(["Admins see and edit all contacts"]);
    const onTeam = await explainRecordAccess(t.ctx, "CONTACT", ownedByTeam!.id);
    expect(of(onTeam, people.teammate.userId).reasons).toContain("Member of group EMEA, which owns it");
    expect(of(onTeam, people.manager.userId).reasons).toContain("Manages team EMEA, which owns it");
    // deals: sales reps read their team's; a teammate's deal is readable, not writable
    const teammateDeal = records.filter((r) => r.kind === "DEAL")[1]!;
    const onDeal = await explainRecordAccess(t.ctx, "DEAL", teammateDeal.id);
    expect(of(onDeal, people.rep.userId)).toMatchObject({ canRead: true, canWrite: false });
    expect(of(onDeal, people.rep.userId).reasons).toContain("In team EMEA with Tess Teammate, who owns it");
  });

  it("lists what a user can see of a type: the records the panel says they see", async () => {
    const { t, people, records } = await world();
    for (const p of Object.values(people)) {
      for (const kind of ["CONTACT", "DEAL"] as const) {
        const visible = await recordsVisibleTo(t.ctx, p.userId, kind, 50);
        const expected: string[] = [];
        for (const r of records.filter((r) => r.kind === kind)) {
          if ((await explainRecordAccess(t.ctx, kind, r.id)).find((v) => v.userId === p.userId)!.canRead) expected.push(r.id);
        }
        expect(visible.records.map((r) => r.id).sort()).toEqual(expected.sort());
        expect(visible.count).toBe(expected.length);
      }
    }
  });

  it("is for admins only", async () => {
    const { people, records } = await world();
    await expect(explainRecordAccess(people.manager.ctx, "CONTACT", records[0]!.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(recordsVisibleTo(people.manager.ctx, people.rep.userId, "CONTACT")).rejects.toMatchObject({ code: "forbidden" });
  });
});
