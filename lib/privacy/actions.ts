"use server";
// Server actions of a contact's privacy controls (the record page).
import "server-only";
import { z } from "zod";
import { tenantAction } from "@/lib/safe-action";
import { eraseContact } from "./contact-data";

export const eraseContactAction = tenantAction
  .metadata({ permission: "records.erase" })
  .inputSchema(z.object({ id: z.uuid() }))
  .action(async ({ parsedInput, ctx }) => {
    await eraseContact(ctx.tenant, parsedInput.id);
  });
