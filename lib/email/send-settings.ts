// The workspace's sending rules (Settings → Email → Sending; GET|PUT /email-settings):
// the send window in the workspace's time zone and the campaign throttle per mailbox.
import "server-only";
import { eq } from "drizzle-orm";
import { emailSendSettings } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { validationError } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { loadWorkspace } from "@/lib/workspace/service";
import { sendSettingsSchema, type SendSettingsInput } from "./schemas";
import type { SendWindow } from "./send-window";

export interface SendSettings {
  windowEnabled: boolean;
  windowDays: number[];
  windowStartMinute: number;
  windowEndMinute: number;
  hourlyLimit: number;
  batchSize: number;
  timeZone: string;
}

export const DEFAULT_SEND_SETTINGS = { windowEnabled: false, windowDays: [1, 2, 3, 4, 5], windowStartMinute: 480, windowEndMinute: 1080, hourlyLimit: 200, batchSize: 50 };

export async function loadSendSettings(tx: Tx, tenantId: string): Promise<SendSettings> {
  const [row] = await tx.select().from(emailSendSettings).where(eq(emailSendSettings.tenantId, tenantId));
  const { timeZone } = await loadWorkspace(tx, tenantId);
  const s = row ?? DEFAULT_SEND_SETTINGS;
  return { windowEnabled: s.windowEnabled, windowDays: s.windowDays, windowStartMinute: s.windowStartMinute, windowEndMinute: s.windowEndMinute, hourlyLimit: s.hourlyLimit, batchSize: s.batchSize, timeZone };
}

/** The window the sends wait for; null when it is off. */
export const windowOf = (s: SendSettings): SendWindow | null => (s.windowEnabled ? { days: s.windowDays, startMinute: s.windowStartMinute, endMinute: s.windowEndMinute } : null);

export async function getSendSettings(ctx: TenantContext): Promise<SendSettings> {
  return withTenant(ctx, (tx) => loadSendSettings(tx, ctx.tenantId));
}

export async function updateSendSettings(ctx: TenantContext, input: SendSettingsInput | unknown): Promise<SendSettings> {
  assertCan(ctx.actor.role, "settings.manage");
  const patch = sendSettingsSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const current = await loadSendSettings(tx, ctx.tenantId);
    const { timeZone: _z, ...next } = { ...current, ...patch };
    if (next.windowStartMinute >= next.windowEndMinute) throw validationError([{ path: "windowEndMinute", message: "must be after the start" }]);
    await tx
      .insert(emailSendSettings)
      .values({ tenantId: ctx.tenantId, ...next })
      .onConflictDoUpdate({ target: emailSendSettings.tenantId, set: { ...next, updatedAt: new Date() } });
    return loadSendSettings(tx, ctx.tenantId);
  });
}
