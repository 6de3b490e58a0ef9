"use server";
// Settings → Workspace: name, time zone and default currency (admins).
import "server-only";
import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/safe-action";
import { workspacePatchSchema } from "./schemas";
import { updateWorkspace } from "./service";

export const updateWorkspaceAction = tenantAction
  .metadata({ permission: "settings.manage" })
  .inputSchema(workspacePatchSchema)
  .action(async ({ parsedInput, ctx }) => {
    const saved = await updateWorkspace(ctx.tenant, parsedInput);
    revalidatePath("/", "layout");
    return saved;
  });
