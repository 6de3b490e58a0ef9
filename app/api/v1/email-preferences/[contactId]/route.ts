import { apiRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/records-route";
import { emailPreferencesSchema, getEmailPreferences, setEmailPreferences } from "@/lib/email/preferences";

export const dynamic = "force-dynamic";

type P = { contactId: string };
const idOf = (p: P) => uuidParam(p.contactId, { singular: "Contact" });

/** GET /email-preferences/{contactId} → { marketingEmails, productUpdates, newsletter }. */
export const GET = apiRoute<P>("records.read", async ({ ctx, params }) => getEmailPreferences(ctx, idOf(params)));

/** PATCH /email-preferences/{contactId} (any subset) → the preferences. */
export const PATCH = apiRoute<P>("records.write", async ({ ctx, params, body }) => setEmailPreferences(ctx, idOf(params), await body(emailPreferencesSchema)));
