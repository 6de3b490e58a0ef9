import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { DEMO_COUNTS } from "@/db/seed/demo";
import { createAutomation } from "@/lib/automations/service";
import { updateStage } from "@/lib/pipelines/stage-service";
import { createRecord } from "@/lib/records/service";
import { createInvitation } from "@/lib/tenancy/invitations";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { dismissGettingStarted, getGettingStarted, type GettingStarted } from "./getting-started";
import { loadDemoData } from "./load-demo-data";

const done = (s: GettingStarted) => Object.fromEntries(s.items.map((i) => [i.key, i.done]));

describe("getting started checklist", () => {
  it("a new workspace has nothing done; each step is checked off by the data it asks for", async () => {
    const t = await makeTenant();
    const fresh = await getGettingStarted(t.ctx);
    expect(done(fresh)).toEqual({ contacts: false, team: false, pipeline: false, automation: false });
    expect(fresh).toMatchObject({ dismissed: false, empty: true });

    await createRecord(t.ctx, "CONTACT", { firstName: "Ada", lastName: "Lovelace" });
    await createInvitation(t.ctx, { email: "colleague@example.test", role: "sales_rep" });
    expect(done(await getGettingStarted(t.ctx))).toEqual({ contacts: true, team: true, pipeline: false, automation: false });

    const [stage] = await withTenant(t.ctx, (tx) =>
      tx.execute<{ id: string; pipeline_id: string }>(sql`select id, pipeline_id from pipeline_stages where tenant_id = ${t.tenantId} order by display_order limit 1`),
    );
    await updateStage(t.ctx, stage!.pipeline_id, stage!.id, { probability: 0.15 });
    await createAutomation(t.ctx, { name: "Announce", entityType: "CONTACT", scopeType: "ENTITY", triggerEvent: "record.created", actionType: "EVENT", config: {} });
    const after = await getGettingStarted(t.ctx);
    expect(done(after)).toEqual({ contacts: true, team: true, pipeline: true, automation: true });
    expect(after.empty).toBe(false);
  });

  it("a second member counts as inviting the team; dismissing hides it for the workspace", async () => {
    const t = await makeTenant();
    await makeMember(t.tenantId, "manager");
    expect(done(await getGettingStarted(t.ctx)).team).toBe(true);
    await dismissGettingStarted(t.ctx);
    expect((await getGettingStarted(t.ctx)).dismissed).toBe(true);
    const other = await makeTenant();
    expect((await getGettingStarted(other.ctx)).dismissed).toBe(false);
  });
});

describe("load demo data", () => {
  it("fills an empty workspace with the demo records, owned by the admin, on its default pipelines", async () => {
    const t = await makeTenant();
    await loadDemoData(t.ctx);
    const [counts] = await withTenant(t.ctx, (tx) =>
      tx.execute<Record<string, number>>(sql`select
        (select count(*)::int from companies) as companies, (select count(*)::int from contacts) as contacts,
        (select count(*)::int from deals) as deals, (select count(*)::int from leads) as leads,
        (select count(*)::int from tickets) as tickets,
        (select count(*)::int from deals where owned_by_user_id is distinct from ${t.userId}) as others,
        (select count(*)::int from tenant_users) as members`),
    );
    expect(counts).toEqual({ ...{ companies: DEMO_COUNTS.companies, contacts: DEMO_COUNTS.contacts, deals: DEMO_COUNTS.deals, leads: DEMO_COUNTS.leads, tickets: DEMO_COUNTS.tickets }, others: 0, members: 1 });
    expect((await getGettingStarted(t.ctx)).empty).toBe(false);
  });

  it("is refused once the workspace has a record, and for a non-admin", async () => {
    const t = await makeTenant();
    await createRecord(t.ctx, "COMPANY", { name: "Real Co" });
    await expect(loadDemoData(t.ctx)).rejects.toMatchObject({ code: "conflict" });
    const empty = await makeTenant();
    const manager = await makeMember(empty.tenantId, "manager");
    await expect(loadDemoData(manager.ctx)).rejects.toMatchObject({ code: "forbidden" });
    const [n] = await withTenant(t.ctx, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from companies`));
    expect(n!.n).toBe(1);
  });
});
