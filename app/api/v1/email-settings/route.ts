import { apiRoute } from "@/lib/api/handler";
import { sendSettingsSchema } from "@/lib/email/schemas";
import { getSendSettings, updateSendSettings } from "@/lib/email/send-settings";

export const dynamic = "force-dynamic";

/** GET /email-settings → the send window (workspace time zone) and the campaign throttle. */
export const GET = apiRoute("email.send", async ({ ctx }) => getSendSettings(ctx));

/** PUT /email-settings (any subset) → the settings. */
export const PUT = apiRoute("settings.manage", async ({ ctx, body }) => updateSendSettings(ctx, await body(sendSettingsSchema)));
