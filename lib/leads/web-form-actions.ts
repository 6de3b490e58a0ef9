"use server";
// Server actions of Settings → Web forms (admins).
import "server-only";
import { z } from "zod";
import { tenantAction } from "@/lib/safe-action";
import { webFormCreateSchema, webFormUpdateSchema } from "./web-form-schemas";
import { createWebForm, deleteWebForm, serializeWebForm, updateWebForm } from "./web-forms";

export const createWebFormAction = tenantAction
  .metadata({ permission: "settings.manage" })
  .inputSchema(webFormCreateSchema)
  .action(async ({ parsedInput, ctx }) => serializeWebForm(await createWebForm(ctx.tenant, parsedInput)));

export const updateWebFormAction = tenantAction
  .metadata({ permission: "settings.manage" })
  .inputSchema(z.object({ id: z.uuid(), patch: webFormUpdateSchema }))
  .action(async ({ parsedInput, ctx }) => serializeWebForm(await updateWebForm(ctx.tenant, parsedInput.id, parsedInput.patch)));

export const deleteWebFormAction = tenantAction
  .metadata({ permission: "settings.manage" })
  .inputSchema(z.object({ id: z.uuid() }))
  .action(async ({ parsedInput, ctx }) => {
    await deleteWebForm(ctx.tenant, parsedInput.id);
  });
