// What the new-campaign and new-sequence forms offer: the mailboxes the user sends through,
// the lists of contacts, the templates.
import "server-only";
import { can } from "@/lib/auth/permissions";
import { listMailboxes } from "@/lib/email/mailboxes";
import { listTemplates } from "@/lib/email/templates";
import { listLists } from "@/lib/lists/queries";
import type { TenantContext } from "@/lib/tenancy/context";

export async function emailFormOptions(ctx: TenantContext) {
  const [mailboxes, lists, templates] = await Promise.all([
    can(ctx.actor.role, "email.send") ? listMailboxes(ctx) : [],
    listLists(ctx, { objectType: "CONTACT" }),
    listTemplates(ctx),
  ]);
  return {
    mailboxes: mailboxes.map((m) => ({ id: m.id, label: `${m.displayName ? `${m.displayName} <${m.emailAddress}>` : m.emailAddress}${m.shared ? " (shared)" : ""}` })),
    lists: lists.map((l) => ({ id: l.id, name: l.name, memberCount: l.memberCount })),
    templates: templates.map((t) => ({ id: t.id, name: t.name, subject: t.subject, body: t.body })),
  };
}
