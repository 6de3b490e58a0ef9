// Web forms (Settings → Web forms; API.md "Leads"): a form asks some lead fields; its
// public key names the hosted page /f/<key> and POST /api/public/forms/<key>, where a
// visitor's post becomes a lead (web-form-submit.ts).
import "server-only";
import { randomBytes } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { webForms, type WebForm } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { webFormCreateSchema, webFormUpdateSchema } from "./web-form-schemas";

export function serializeWebForm(f: WebForm) {
  return {
    id: f.id,
    key: f.key,
    name: f.name,
    fields: f.fields,
    redirectUrl: f.redirectUrl,
    enabled: f.enabled,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
  };
}
export type WebFormJson = ReturnType<typeof serializeWebForm>;

/** 128 random bits: a key cannot be guessed from another. */
const newKey = () => randomBytes(16).toString("base64url");

export async function listWebForms(ctx: TenantContext): Promise<WebForm[]> {
  assertCan(ctx.actor.role, "settings.manage");
  return withTenant(ctx, (tx) => tx.select().from(webForms).where(eq(webForms.tenantId, ctx.tenantId)).orderBy(asc(webForms.createdAt), asc(webForms.id)));
}

export async function getWebForm(ctx: TenantContext, id: string): Promise<WebForm> {
  assertCan(ctx.actor.role, "settings.manage");
  const [row] = await withTenant(ctx, (tx) => tx.select().from(webForms).where(and(eq(webForms.tenantId, ctx.tenantId), eq(webForms.id, id))));
  if (!row) throw notFound("Web form");
  return row;
}

export async function createWebForm(ctx: TenantContext, input: unknown): Promise<WebForm> {
  assertCan(ctx.actor.role, "settings.manage");
  const data = webFormCreateSchema.parse(input);
  const [row] = await withTenant(ctx, (tx) =>
    tx
      .insert(webForms)
      .values({ tenantId: ctx.tenantId, key: newKey(), name: data.name, fields: [...new Set(data.fields)], redirectUrl: data.redirectUrl ?? null, enabled: data.enabled ?? true, createdByUserId: ctx.actor.userId })
      .returning(),
  );
  return row!;
}

export async function updateWebForm(ctx: TenantContext, id: string, input: unknown): Promise<WebForm> {
  assertCan(ctx.actor.role, "settings.manage");
  const data = webFormUpdateSchema.parse(input);
  const set = { ...data, ...(data.fields ? { fields: [...new Set(data.fields)] } : {}), updatedAt: sql`now()` };
  const [row] = await withTenant(ctx, (tx) => tx.update(webForms).set(set).where(and(eq(webForms.tenantId, ctx.tenantId), eq(webForms.id, id))).returning());
  if (!row) throw notFound("Web form");
  return row;
}

export async function deleteWebForm(ctx: TenantContext, id: string): Promise<void> {
  assertCan(ctx.actor.role, "settings.manage");
  const gone = await withTenant(ctx, (tx) => tx.delete(webForms).where(and(eq(webForms.tenantId, ctx.tenantId), eq(webForms.id, id))).returning({ id: webForms.id }));
  if (!gone.length) throw notFound("Web form");
}
