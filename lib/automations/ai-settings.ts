// Settings → AI: the tenant's OpenAI-compatible chat-completions endpoint for AIWORKER
// automations. The key is stored server-side and never returned: clients see hasApiKey.
// A key belongs to the origin it was entered for: saving a base URL on another origin
// without a new key clears it, so an edited URL never receives the old provider's key.
import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { aiSettings } from "@/db/schema";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";

export const aiSettingsSchema = z.strictObject({
  baseUrl: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. https://api.openai.com/v1" })
    .max(2000)
    .transform((u) => u.replace(/\/+$/, ""))
    .nullable(),
  model: z.string().trim().min(1).max(200).nullable(),
  /** undefined keeps the current key, "" clears it. */
  apiKey: z.string().max(4000).optional(),
});
export type AiSettingsInput = z.input<typeof aiSettingsSchema>;

export interface AiSettingsView {
  baseUrl: string | null;
  model: string | null;
  hasApiKey: boolean;
}

/** Server-only: the settings with the key, for the AIWORKER run. */
export async function loadAiSettings(tx: Tx, ctx: TenantContext): Promise<{ baseUrl: string | null; model: string | null; apiKey: string | null }> {
  const [row] = await tx.select().from(aiSettings).where(eq(aiSettings.tenantId, ctx.tenantId));
  return { baseUrl: row?.baseUrl ?? null, model: row?.model ?? null, apiKey: row?.apiKey ?? null };
}

export async function getAiSettings(ctx: TenantContext): Promise<AiSettingsView> {
  const s = await withTenant(ctx, (tx) => loadAiSettings(tx, ctx));
  return { baseUrl: s.baseUrl, model: s.model, hasApiKey: !!s.apiKey };
}

const originOf = (url: string | null) => (url ? new URL(url).origin : null);

export async function saveAiSettings(ctx: TenantContext, input: AiSettingsInput | unknown): Promise<AiSettingsView> {
  const data = aiSettingsSchema.parse(input);
  await withTenant(ctx, async (tx) => {
    // locked, so a concurrent save cannot slip a URL change past the origin check
    const [current] = await tx.select({ baseUrl: aiSettings.baseUrl }).from(aiSettings).where(eq(aiSettings.tenantId, ctx.tenantId)).for("update");
    const movedOrigin = originOf(current?.baseUrl ?? null) !== originOf(data.baseUrl);
    const apiKey = data.apiKey !== undefined ? data.apiKey || null : movedOrigin ? null : undefined;
    const keyChange = apiKey === undefined ? {} : { apiKey };
    await tx
      .insert(aiSettings)
      .values({ tenantId: ctx.tenantId, baseUrl: data.baseUrl, model: data.model, ...keyChange })
      .onConflictDoUpdate({ target: aiSettings.tenantId, set: { baseUrl: data.baseUrl, model: data.model, ...keyChange, updatedAt: sql`now()` } });
  });
  return getAiSettings(ctx);
}
