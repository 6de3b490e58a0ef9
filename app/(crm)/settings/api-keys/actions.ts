"use server";

import { revalidatePath } from "next/cache";
import { createApiKey, revokeApiKey } from "@/lib/api/keys";
import { apiKeyCreateSchema, apiKeyIdSchema } from "@/lib/tenancy/schemas";
import { tenantAction } from "@/lib/safe-action";

const PATH = "/settings/api-keys";

/** Returns the plaintext key this once; only its hash is stored. */
export const createApiKeyAction = tenantAction
  .metadata({ permission: "apiKeys.manage" })
  .inputSchema(apiKeyCreateSchema)
  .action(async ({ parsedInput, ctx }) => {
    const created = await createApiKey(ctx.tenant, parsedInput);
    revalidatePath(PATH);
    return { id: created.id, name: created.name, role: created.role, key: created.key };
  });

export const revokeApiKeyAction = tenantAction
  .metadata({ permission: "apiKeys.manage" })
  .inputSchema(apiKeyIdSchema)
  .action(async ({ parsedInput, ctx }) => {
    await revokeApiKey(ctx.tenant, parsedInput.apiKeyId);
    revalidatePath(PATH);
  });
