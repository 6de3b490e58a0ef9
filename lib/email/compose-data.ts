// What the compose dialog of a record page needs: the mailboxes the user may send through,
// the templates, the record's template values (the dialog previews a template with them),
// and who the email goes to by default.
import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { loadRecordRef } from "@/lib/activities/record-ref";
import type { RecordKind } from "@/lib/records/registry";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { listMailboxes, type MailboxView } from "./mailboxes";
import type { TemplateVariables } from "./template";
import { listTemplates, type TemplateView } from "./templates";
import { defaultRecipient, recordVariables } from "./variables";

export interface ComposeData {
  mailboxes: Pick<MailboxView, "id" | "emailAddress" | "displayName" | "shared">[];
  templates: Pick<TemplateView, "id" | "name" | "subject" | "body">[];
  variables: TemplateVariables;
  defaultTo: string | null;
}

export async function loadComposeData(ctx: TenantContext, kind: RecordKind, id: string): Promise<ComposeData> {
  const [mailboxes, templates, vars] = await Promise.all([
    listMailboxes(ctx),
    listTemplates(ctx),
    withTenant(ctx, async (tx) => {
      const record = await loadRecordRef(tx, ctx.tenantId, kind, id);
      const [me] = ctx.actor.userId ? await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, ctx.actor.userId)) : [];
      return recordVariables(tx, ctx.tenantId, record, { name: me?.name ?? null, email: me?.email ?? null });
    }),
  ]);
  return {
    mailboxes: mailboxes.map(({ id, emailAddress, displayName, shared }) => ({ id, emailAddress, displayName, shared })),
    templates: templates.map(({ id, name, subject, body }) => ({ id, name, subject, body })),
    variables: vars,
    defaultTo: defaultRecipient(vars),
  };
}
