// The record table's server actions, built once per kind and exported from the
// "use server" files next to the pages (app/(crm)/<collection>/actions.ts). They only
// parse input and call the services.
import { z } from "zod";
import type { RecordKind } from "@/lib/records/registry";
import { tenantAction } from "@/lib/safe-action";
import { tablePageSchema, viewNameSchema } from "./schemas";
import { createView, deleteView } from "./service";
import { loadTablePage } from "./table-query";

export const saveViewSchema = z.object({
  name: viewNameSchema,
  filter: z.unknown().optional(),
  sort: z.string().max(100).nullable().optional(),
  columns: z.array(z.string().max(100)).max(100),
});
export type SaveViewInput = z.input<typeof saveViewSchema>;

export const deleteViewSchema = z.object({ id: z.uuid() });

export function makeTableActions(kind: RecordKind) {
  /** The next page of rows (cursor), or the first page with its capped count. */
  const loadPage = tenantAction
    .metadata({ permission: "records.read" })
    .inputSchema(tablePageSchema)
    .action(async ({ parsedInput, ctx }) => loadTablePage(ctx.tenant, kind, parsedInput));

  const saveView = tenantAction
    .metadata({ permission: "records.read" })
    .inputSchema(saveViewSchema)
    .action(async ({ parsedInput, ctx }) => {
      const view = await createView(ctx.tenant, { objectType: kind, ...parsedInput });
      return { id: view.id, name: view.name };
    });

  const removeView = tenantAction
    .metadata({ permission: "records.read" })
    .inputSchema(deleteViewSchema)
    .action(async ({ parsedInput, ctx }) => {
      await deleteView(ctx.tenant, parsedInput.id);
      return { id: parsedInput.id };
    });

  return { loadPage, saveView, deleteView: removeView };
}
