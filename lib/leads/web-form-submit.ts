// A visitor's post to a web form (POST /api/public/forms/{key}, the hosted page /f/{key}):
// no session and no tenant, so the form is found by its key (web_form_by_key, migration
// lead_capture), then the lead is created through the records service as the system
// (source "web_form"; the assignment rules route it like any new lead without an owner).
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { webForms, type WebForm } from "@/db/schema";
import { reserveAttempt } from "@/lib/auth/throttle";
import { notFound, validationError } from "@/lib/errors";
import { assertNotErased } from "@/lib/privacy/suppression";
import { createRecord } from "@/lib/records/service";
import { systemActor, type TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { HONEYPOT, UTM_FIELDS, WEB_FORM_FIELDS } from "./web-form-schemas";

/** The enabled form of a key, with its tenant; a 404 for an unknown or disabled one. */
export async function webFormByKey(key: string): Promise<{ ctx: TenantContext; form: WebForm }> {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(key)) throw notFound("Form");
  const [hit] = await db().execute<{ tenant_id: string; form_id: string }>(sql`select tenant_id, form_id from web_form_by_key(${key})`);
  if (!hit) throw notFound("Form");
  const ctx: TenantContext = { tenantId: hit.tenant_id, actor: systemActor("API") };
  const [form] = await withTenant(ctx, (tx) => tx.select().from(webForms).where(and(eq(webForms.tenantId, hit.tenant_id), eq(webForms.id, hit.form_id))));
  if (!form?.enabled) throw notFound("Form");
  return { ctx, form };
}

const str = (v: unknown) => (typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "");

/** The lead a post makes: the form's fields, the UTM values (snake_case or camelCase), landing page and referrer. */
export function leadValuesOf(form: Pick<WebForm, "fields">, body: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of form.fields) if (field in WEB_FORM_FIELDS && str(body[field])) values[field] = str(body[field]);
  for (const [param, field] of Object.entries(UTM_FIELDS)) {
    const v = str(body[param]) || str(body[field]);
    if (v) values[field] = v;
  }
  for (const field of ["landingPage", "referrer"]) if (str(body[field])) values[field] = str(body[field]);
  return values;
}

export interface Submission {
  form: WebForm;
  /** The lead made; null for a post the honeypot caught. */
  leadId: string | null;
}

/**
 * Counts the post against its address (429 past 30 a minute), then creates the lead —
 * unless the honeypot is filled: then nothing, and the same answer, so a bot learns nothing.
 */
export async function submitWebForm(key: string, body: Record<string, unknown>, address: string | null): Promise<Submission> {
  const { ctx, form } = await webFormByKey(key);
  if (address) await reserveAttempt([{ kind: "webForm", value: address }]);
  if (str(body[HONEYPOT])) return { form, leadId: null };
  const values = leadValuesOf(form, body);
  if (!values.email && !values.firstName && !values.lastName) {
    const path = form.fields.includes("email") ? "email" : (form.fields.find((f) => f === "firstName" || f === "lastName") ?? "email");
    throw validationError([{ path, message: "is required" }]);
  }
  const lead = await withTenant(ctx, async (tx) => {
    await assertNotErased(tx, ctx.tenantId, values.email);
    return createRecord(ctx, "LEAD", { ...values, source: "web_form" }, { tx });
  });
  return { form, leadId: lead.id };
}
