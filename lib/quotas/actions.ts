"use server";
// Settings → Quotas (admins and managers).
import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { tenantAction } from "@/lib/safe-action";
import { quotaCreateSchema } from "./schemas";
import { createQuota, deleteQuota } from "./service";

const PATH = "/settings/quotas";

export const createQuotaAction = tenantAction
  .metadata({ permission: "quotas.manage" })
  .inputSchema(quotaCreateSchema)
  .action(async ({ parsedInput, ctx }) => {
    const quota = await createQuota(ctx.tenant, parsedInput);
    revalidatePath(PATH);
    return { id: quota.id };
  });

export const deleteQuotaAction = tenantAction
  .metadata({ permission: "quotas.manage" })
  .inputSchema(z.object({ quotaId: z.uuid() }))
  .action(async ({ parsedInput, ctx }) => {
    await deleteQuota(ctx.tenant, parsedInput.quotaId);
    revalidatePath(PATH);
  });
