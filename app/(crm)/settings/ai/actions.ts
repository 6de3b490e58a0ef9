"use server";

import { revalidatePath } from "next/cache";
import { aiSettingsSchema, saveAiSettings } from "@/lib/automations/ai-settings";
import { tenantAction } from "@/lib/safe-action";
import { rethrowAsFieldErrors } from "../action-errors";

/** The key is write-only: undefined keeps the stored one ("" clears it; so does another origin). Answers what is now stored. */
export const saveAiSettingsAction = tenantAction
  .metadata({ permission: "automations.manage" })
  .inputSchema(aiSettingsSchema)
  .action(async ({ parsedInput, ctx }) => {
    let saved;
    try {
      saved = await saveAiSettings(ctx.tenant, parsedInput);
    } catch (err) {
      rethrowAsFieldErrors(aiSettingsSchema, err);
    }
    revalidatePath("/settings/ai");
    return saved;
  });
