// The getting-started checklist of a new workspace. Each item is checked off from the
// data (never from a click on the checklist), so it stays true whoever did the work and
// however (form, REST API, import). Dismissing it is a workspace setting.
import "server-only";
import { eq, sql, type SQL } from "drizzle-orm";
import { tenants } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";

export const CHECKLIST_ITEMS = ["contacts", "team", "pipeline", "automation"] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export interface GettingStarted {
  /** Done state of each item, in CHECKLIST_ITEMS order. */
  items: { key: ChecklistItem; done: boolean }[];
  dismissed: boolean;
  /** No contacts, companies, deals, leads or tickets: "Load demo data" is offered. */
  empty: boolean;
}

/** True when the workspace has a contact, company, deal, lead or ticket (the actor's RLS scope applies). */
export const recordsExist = (tenantId: string): SQL => sql`(${sql.join(
  ["companies", "contacts", "deals", "leads", "tickets"].map((t) => sql`exists (select 1 from ${sql.identifier(t)} where tenant_id = ${tenantId})`),
  sql` or `,
)})`;

/** The settings key that records the dismissal (tenants.settings jsonb). */
const DISMISSED_KEY = "gettingStartedDismissedAt";

/**
 * One round trip: each item as an EXISTS. "Set up the pipeline" counts a pipeline or stage
 * created after the workspace (the defaults share its creation time: one transaction) or
 * changed since it was created.
 */
export async function getGettingStarted(ctx: TenantContext): Promise<GettingStarted> {
  const [row] = await withTenant(ctx, (tx) =>
    tx.execute<{ contacts: boolean; team: boolean; pipeline: boolean; automation: boolean; records: boolean; dismissed: boolean }>(sql`
      with t as (select created_at, settings from tenants where id = ${ctx.tenantId})
      select
        exists (select 1 from contacts where tenant_id = ${ctx.tenantId}) as contacts,
        (select count(*) from tenant_users where tenant_id = ${ctx.tenantId}) > 1
          or exists (select 1 from invitations where tenant_id = ${ctx.tenantId}) as team,
        exists (select 1 from pipelines p, t where p.tenant_id = ${ctx.tenantId} and (p.created_at > t.created_at or p.updated_at > p.created_at))
          or exists (select 1 from pipeline_stages s, t where s.tenant_id = ${ctx.tenantId} and (s.created_at > t.created_at or s.updated_at > s.created_at)) as pipeline,
        exists (select 1 from automation_actions where tenant_id = ${ctx.tenantId}) as automation,
        ${recordsExist(ctx.tenantId)} as records,
        coalesce((select settings ? ${DISMISSED_KEY} from t), false) as dismissed`),
  );
  if (!row) throw new AppError("not-found", "Workspace not found");
  return {
    items: CHECKLIST_ITEMS.map((key) => ({ key, done: Boolean(row[key]) })),
    dismissed: Boolean(row.dismissed),
    empty: !row.records,
  };
}

/** Hides the checklist for everyone in the workspace. */
export async function dismissGettingStarted(ctx: TenantContext): Promise<void> {
  await withTenant(ctx, async (tx) => {
    const updated = await tx
      .update(tenants)
      .set({ settings: sql`${tenants.settings} || jsonb_build_object(${DISMISSED_KEY}::text, now())` })
      .where(eq(tenants.id, ctx.tenantId))
      .returning({ id: tenants.id });
    if (updated.length === 0) throw new AppError("not-found", "Workspace not found");
  });
}

/** The checklist for an admin (it is about admin tasks), null for other roles. */
export async function gettingStartedFor(session: { role: string; ctx: TenantContext }): Promise<GettingStarted | null> {
  return session.role === "admin" ? getGettingStarted(session.ctx) : null;
}
