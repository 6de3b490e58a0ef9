"use server";
// The record table's server actions, for every record kind: the kind is bound by the
// page (`loadTablePageAction.bind(null, "CONTACT")`) and checked by its schema.
import "server-only";
import { z } from "zod";
import { tenantAction } from "@/lib/safe-action";
import { createViewSchema, tablePageSchema, VIEW_KINDS } from "./schemas";
import { createView, deleteView } from "./service";
import { loadTablePage } from "./table-query";

const kind = z.enum(VIEW_KINDS);

/** The next page of rows (cursor), or the first page with its capped count. */
export const loadTablePageAction = tenantAction
  .metadata({ permission: "records.read" })
  .bindArgsSchemas([kind])
  .inputSchema(tablePageSchema)
  .action(async ({ parsedInput, bindArgsParsedInputs: [k], ctx }) => loadTablePage(ctx.tenant, k, parsedInput));

/** Saved views of the signed-in user. */
export const saveViewAction = tenantAction
  .metadata({ permission: "records.read" })
  .bindArgsSchemas([kind])
  .inputSchema(createViewSchema.omit({ objectType: true }))
  .action(async ({ parsedInput, bindArgsParsedInputs: [k], ctx }) => {
    const view = await createView(ctx.tenant, { objectType: k, ...parsedInput });
    return { id: view.id, name: view.name };
  });

export const deleteViewAction = tenantAction
  .metadata({ permission: "records.read" })
  .bindArgsSchemas([kind])
  .inputSchema(z.object({ id: z.uuid() }))
  .action(async ({ parsedInput, ctx }) => {
    await deleteView(ctx.tenant, parsedInput.id);
    return { id: parsedInput.id };
  });
