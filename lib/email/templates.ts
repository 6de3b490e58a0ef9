// Email templates (Settings → Email templates): the one write path. Everyone who sends
// may use them; managers and admins write them.
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { emailTemplates, type EmailTemplate } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { templateInputSchema, type TemplateInput } from "./schemas";

export type TemplateView = Pick<EmailTemplate, "id" | "name" | "subject" | "body" | "updatedAt">;
const view = (t: EmailTemplate): TemplateView => ({ id: t.id, name: t.name, subject: t.subject, body: t.body, updatedAt: t.updatedAt });

const nameTaken = (err: unknown) => {
  if (isUniqueViolation(err, "email_templates_name_uq")) throw new AppError("validation", "name: a template of this name exists", { errors: [{ path: "name", message: "a template of this name exists" }] });
  throw err;
};

export async function listTemplates(ctx: TenantContext): Promise<TemplateView[]> {
  return withTenant(ctx, async (tx) => (await tx.select().from(emailTemplates).where(eq(emailTemplates.tenantId, ctx.tenantId)).orderBy(asc(emailTemplates.name))).map(view));
}

export async function createTemplate(ctx: TenantContext, input: TemplateInput): Promise<TemplateView> {
  assertCan(ctx.actor.role, "emailTemplates.manage");
  const v = templateInputSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const [row] = await tx.insert(emailTemplates).values({ tenantId: ctx.tenantId, ...v, createdByUserId: ctx.actor.userId }).returning();
    return view(row!);
  }).catch(nameTaken);
}

export async function updateTemplate(ctx: TenantContext, id: string, input: TemplateInput): Promise<TemplateView> {
  assertCan(ctx.actor.role, "emailTemplates.manage");
  const v = templateInputSchema.parse(input);
  if (!isUuid(id)) throw notFound("Template");
  return withTenant(ctx, async (tx) => {
    const [row] = await tx
      .update(emailTemplates)
      .set({ ...v, updatedAt: new Date() })
      .where(and(eq(emailTemplates.tenantId, ctx.tenantId), eq(emailTemplates.id, id)))
      .returning();
    if (!row) throw notFound("Template");
    return view(row);
  }).catch(nameTaken);
}

export async function deleteTemplate(ctx: TenantContext, id: string): Promise<void> {
  assertCan(ctx.actor.role, "emailTemplates.manage");
  if (!isUuid(id)) throw notFound("Template");
  await withTenant(ctx, async (tx) => {
    const gone = await tx.delete(emailTemplates).where(and(eq(emailTemplates.tenantId, ctx.tenantId), eq(emailTemplates.id, id))).returning({ id: emailTemplates.id });
    if (!gone.length) throw notFound("Template");
  });
}
