import { apiRoute } from "@/lib/api/handler";
import { emailSyncSettingsSchema, getEmailSyncSettings, updateEmailSyncSettings } from "@/lib/email/sync-service";

export const dynamic = "force-dynamic";

export const GET = apiRoute("email.send", async ({ ctx }) => getEmailSyncSettings(ctx));
export const PATCH = apiRoute("settings.manage", async ({ ctx, body }) => updateEmailSyncSettings(ctx, await body(emailSyncSettingsSchema)));
