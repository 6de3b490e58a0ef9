"use server";
// /dashboards: create and change dashboards, their widgets and their order, and the widget
// editor's preview. The services check who may change what (service.ts).
import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { tenantAction } from "@/lib/safe-action";
import { dashboardInputSchema, dashboardPatchSchema, widgetInputSchema, widgetPatchSchema, widgetQuerySchema } from "./schemas";
import { addWidget, createDashboard, deleteDashboard, deleteWidget, queryWidget, reorderWidgets, updateDashboard, updateWidget } from "./service";

const refresh = (id?: string) => {
  revalidatePath("/dashboards");
  if (id) revalidatePath(`/dashboards/${id}`);
};

export const createDashboardAction = tenantAction
  .metadata({ permission: "dashboards.write" })
  .inputSchema(dashboardInputSchema)
  .action(async ({ parsedInput, ctx }) => {
    const d = await createDashboard(ctx.tenant, parsedInput);
    refresh();
    return { id: d.id };
  });

export const updateDashboardAction = tenantAction
  .metadata({ permission: "dashboards.write" })
  .inputSchema(z.object({ dashboardId: z.uuid(), patch: dashboardPatchSchema }))
  .action(async ({ parsedInput, ctx }) => {
    await updateDashboard(ctx.tenant, parsedInput.dashboardId, parsedInput.patch);
    refresh(parsedInput.dashboardId);
  });

export const deleteDashboardAction = tenantAction
  .metadata({ permission: "dashboards.write" })
  .inputSchema(z.object({ dashboardId: z.uuid() }))
  .action(async ({ parsedInput, ctx }) => {
    await deleteDashboard(ctx.tenant, parsedInput.dashboardId);
    refresh();
  });

export const saveWidgetAction = tenantAction
  .metadata({ permission: "dashboards.write" })
  .inputSchema(z.object({ dashboardId: z.uuid(), widgetId: z.uuid().nullish(), widget: widgetInputSchema }))
  .action(async ({ parsedInput, ctx }) => {
    const { dashboardId, widgetId, widget } = parsedInput;
    const w = widgetId ? await updateWidget(ctx.tenant, dashboardId, widgetId, widget) : await addWidget(ctx.tenant, dashboardId, widget);
    refresh(dashboardId);
    return { id: w.id };
  });

export const resizeWidgetAction = tenantAction
  .metadata({ permission: "dashboards.write" })
  .inputSchema(z.object({ dashboardId: z.uuid(), widgetId: z.uuid(), size: widgetPatchSchema.pick({ width: true, height: true }) }))
  .action(async ({ parsedInput, ctx }) => {
    await updateWidget(ctx.tenant, parsedInput.dashboardId, parsedInput.widgetId, parsedInput.size);
    refresh(parsedInput.dashboardId);
  });

export const deleteWidgetAction = tenantAction
  .metadata({ permission: "dashboards.write" })
  .inputSchema(z.object({ dashboardId: z.uuid(), widgetId: z.uuid() }))
  .action(async ({ parsedInput, ctx }) => {
    await deleteWidget(ctx.tenant, parsedInput.dashboardId, parsedInput.widgetId);
    refresh(parsedInput.dashboardId);
  });

export const reorderWidgetsAction = tenantAction
  .metadata({ permission: "dashboards.write" })
  .inputSchema(z.object({ dashboardId: z.uuid(), widgetIds: z.array(z.uuid()).max(100) }))
  .action(async ({ parsedInput, ctx }) => {
    await reorderWidgets(ctx.tenant, parsedInput.dashboardId, { widgetIds: parsedInput.widgetIds });
    refresh(parsedInput.dashboardId);
  });

export const previewWidgetAction = tenantAction
  .metadata({ permission: "dashboards.read" })
  .inputSchema(z.object({ query: widgetQuerySchema }))
  .action(async ({ parsedInput, ctx }) => queryWidget(ctx.tenant, parsedInput.query));
