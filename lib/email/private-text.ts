// Filters never read the text of an email synced from a private mailbox (issue 19): a
// dynamic activity list or a widget filtered on "subject contains …" would otherwise tell
// anyone who may build one what someone's private mail says, by its count or its members,
// whatever the sharing setting. What a user is *shown* of such an email is the sharing rule
// in lib/email/visibility.ts; this is the stricter rule for matching, the same for everyone
// (the owner too), so a filter's result never depends on whose mail it is.
import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { activities, mailboxes, syncedEmails } from "@/db/schema";

/** `column` (an activity's subject or body) as filters see it: empty for a private mailbox's synced email. */
export function filterableActivityText(column: AnyPgColumn): SQL {
  return sql`(case when exists (
    select 1 from ${syncedEmails} se join ${mailboxes} mb on mb.tenant_id = se.tenant_id and mb.id = se.mailbox_id
    where se.tenant_id = ${activities.tenantId} and se.activity_id = ${activities.id} and mb.owner_user_id is not null
  ) then '' else ${column} end)`;
}
