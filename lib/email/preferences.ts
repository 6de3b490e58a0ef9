// A contact's email preferences (seed 002 email_preferences: marketing emails, product
// updates, newsletter). Campaigns of a category skip contacts who turned it off; sequences
// count as marketing. No row means everything on.
import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { contactEmailPreferences } from "@/db/schema";
import { loadRecordRef } from "@/lib/activities/record-ref";
import { assertCan } from "@/lib/auth/permissions";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";

export const emailPreferencesSchema = z.object({ marketingEmails: z.boolean(), productUpdates: z.boolean(), newsletter: z.boolean() }).partial();
export type EmailPreferences = Required<z.infer<typeof emailPreferencesSchema>>;
const ALL_ON: EmailPreferences = { marketingEmails: true, productUpdates: true, newsletter: true };

export async function getEmailPreferences(ctx: TenantContext, contactId: string): Promise<EmailPreferences> {
  assertCan(ctx.actor.role, "records.read");
  return withTenant(ctx, async (tx) => {
    await loadRecordRef(tx, ctx.tenantId, "CONTACT", contactId);
    const [row] = await tx.select().from(contactEmailPreferences).where(and(eq(contactEmailPreferences.tenantId, ctx.tenantId), eq(contactEmailPreferences.contactId, contactId)));
    return row ? { marketingEmails: row.marketingEmails, productUpdates: row.productUpdates, newsletter: row.newsletter } : ALL_ON;
  });
}

export async function setEmailPreferences(ctx: TenantContext, contactId: string, input: unknown): Promise<EmailPreferences> {
  assertCan(ctx.actor.role, "records.write");
  const patch = emailPreferencesSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    await loadRecordRef(tx, ctx.tenantId, "CONTACT", contactId);
    const [row] = await tx
      .insert(contactEmailPreferences)
      .values({ tenantId: ctx.tenantId, contactId, ...ALL_ON, ...patch })
      .onConflictDoUpdate({ target: [contactEmailPreferences.tenantId, contactEmailPreferences.contactId], set: { ...patch, updatedAt: new Date() } })
      .returning();
    return { marketingEmails: row!.marketingEmails, productUpdates: row!.productUpdates, newsletter: row!.newsletter };
  });
}
