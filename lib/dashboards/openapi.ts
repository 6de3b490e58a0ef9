import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { allOf, empty, idPath, json, pathItem } from "@/lib/api/openapi-common";
import { dashboardInputSchema, dashboardPatchSchema, widgetDefinitionSchema, widgetQuerySchema } from "./schemas";

const widgetOut = z
  .object({
    id: z.uuid(),
    title: z.string(),
    definition: widgetDefinitionSchema.meta({ id: "WidgetDefinition", description: "`{ chart: \"quota\" }`, or a chart of a widget query: `{ chart, query }`" }),
    width: z.number().int().min(1).max(4).meta({ description: "Columns of the 4-column grid" }),
    height: z.number().int().min(1).max(2).meta({ description: "Rows" }),
    position: z.number().int().meta({ description: "Order on the dashboard (lowest first)" }),
  })
  .meta({ id: "Widget" });

const dashboardFields = {
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  visibility: z.enum(["private", "workspace"]).meta({ description: "private: its owner only; workspace: every member" }),
  ownerUserId: z.uuid().nullable().meta({ description: "null for the workspace's default dashboard" }),
  isDefault: z.boolean().meta({ description: "The workspace's \"Sales manager\" dashboard (cannot be deleted)" }),
  canEdit: z.boolean().meta({ description: "Whether the caller may change it" }),
  widgetCount: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};
const dashboardOut = z.object(dashboardFields).meta({ id: "Dashboard" });
const dashboardDetailOut = z.object({ ...dashboardFields, widgets: z.array(widgetOut) }).meta({ id: "DashboardDetail" });

export const widgetResultOut = z
  .object({
    recordType: widgetQuerySchema.shape.recordType,
    measureLabel: z.string(),
    dimensions: z.array(z.string()).meta({ description: "The group-bys' names, in order" }),
    money: z.boolean().meta({ description: "The measure is an amount of money (in the workspace's currency)" }),
    timeZone: z.string().meta({ description: "The workspace's time zone: date buckets and periods are its whole days" }),
    rows: z.array(
      z.object({
        key1: z.string().nullable().meta({ description: "The first group's key (a user, stage, pipeline or group id, a tag, a bucket's first day YYYY-MM-DD...); null: none" }),
        label1: z.string(),
        key2: z.string().nullable(),
        label2: z.string(),
        value: z.number().nullable().meta({ description: "The measure, rounded to 2 decimals; null when there is nothing to average" }),
        href: z.string().nullable().meta({ description: "The app's table of the matching records (filter in the URL); null for activities" }),
      }),
    ),
  })
  .meta({ id: "WidgetResult" });

export function dashboardPaths(): ZodOpenApiPathsObject {
  const tag = "analytics";
  return {
    "/dashboards": pathItem({
      get: {
        id: "listDashboards",
        tag,
        permission: "dashboards.read",
        summary: "List dashboards",
        description: "The dashboards the caller sees: the workspace's default first, then shared ones and the caller's own by name. The default is created on first read for workspaces made before dashboards.",
        responses: { "200": json(allOf(dashboardOut)) },
      },
      post: {
        id: "createDashboard",
        tag,
        permission: "dashboards.write",
        summary: "Create a dashboard",
        description: "Owned by the caller; `visibility: workspace` needs `dashboards.share` (admins and managers).",
        body: dashboardInputSchema.meta({ id: "DashboardInput" }),
        responses: { "201": json(dashboardOut, "Created") },
      },
    }),
    "/dashboards/{id}": pathItem({
      get: { id: "getDashboard", tag, permission: "dashboards.read", summary: "Get a dashboard", description: "The dashboard and its widgets in order. A private dashboard of someone else is a 404.", path: idPath, responses: { "200": json(dashboardDetailOut) } },
      patch: {
        id: "updateDashboard",
        tag,
        permission: "dashboards.write",
        summary: "Rename or share a dashboard (partial)",
        description: "By its owner, or (shared ones) an admin or a manager. The default dashboard stays shared.",
        path: idPath,
        body: dashboardPatchSchema.meta({ id: "DashboardPatch" }),
        responses: { "200": json(dashboardOut) },
      },
      delete: { id: "deleteDashboard", tag, permission: "dashboards.write", summary: "Delete a dashboard", description: "With its widgets. The default dashboard cannot be deleted (409).", path: idPath, responses: { "204": empty("Deleted") } },
    }),
    "/widgets/query": pathItem({
      post: {
        id: "queryWidget",
        tag,
        permission: "dashboards.read",
        summary: "Run a widget query",
        description:
          "One aggregate over the records of `recordType`: `measure` (count; sum, avg, min or max of a number field; weighted = Σ amount × probability for deals) grouped by up to two of owner, group, stage, pipeline, source (leads), tag, dealType (deals), activityType (activities), a date field bucketed by day / week / month / quarter in the workspace's time zone, or a SELECT / MULTI_SELECT custom field. `filter` is Filter JSON of the type; `period` keeps the records whose date field falls in a preset period of whole days. Within the caller's access scope. Unknown fields are a 422 naming the node (`query.groupBy[1].field`).",
        body: widgetQuerySchema.meta({ id: "WidgetQuery" }),
        responses: { "200": json(widgetResultOut) },
      },
    }),
  };
}
