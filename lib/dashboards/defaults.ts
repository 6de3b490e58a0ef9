// The "Sales manager" dashboard every workspace starts with (pure data): created with the
// workspace (lib/tenancy/create-tenant.ts) and, for workspaces older than dashboards, on the
// first visit to /dashboards (service.ts, ensureDefaultDashboard).
import type { WidgetDefinition } from "./schemas";

export const DEFAULT_DASHBOARD_NAME = "Sales manager";

export interface DefaultWidget {
  title: string;
  width: number;
  height: number;
  definition: WidgetDefinition;
}

export const DEFAULT_WIDGETS: DefaultWidget[] = [
  {
    title: "Won this quarter",
    width: 1,
    height: 1,
    definition: { chart: "kpi", query: { recordType: "deals", filter: { all: [{ field: "status", op: "eq", value: "won" }] }, period: { field: "closedAt", preset: "thisQuarter" }, measure: { fn: "sum", field: "amount" }, groupBy: [] } },
  },
  {
    title: "Open pipeline, weighted",
    width: 1,
    height: 1,
    definition: { chart: "kpi", query: { recordType: "deals", filter: { all: [{ field: "status", op: "eq", value: "open" }] }, measure: { fn: "weighted" }, groupBy: [] } },
  },
  {
    title: "Pipeline by stage (weighted)",
    width: 2,
    height: 1,
    definition: { chart: "bar", query: { recordType: "deals", filter: { all: [{ field: "status", op: "eq", value: "open" }] }, measure: { fn: "weighted" }, groupBy: [{ by: "stage" }] } },
  },
  {
    title: "Deals won by owner per month",
    width: 2,
    height: 1,
    definition: {
      chart: "stackedBar",
      query: { recordType: "deals", filter: { all: [{ field: "status", op: "eq", value: "won" }] }, period: { field: "closedAt", preset: "thisYear" }, measure: { fn: "count" }, groupBy: [{ by: "date", field: "closedAt", bucket: "month" }, { by: "owner" }] },
    },
  },
  {
    title: "Activities by type, last 30 days",
    width: 2,
    height: 1,
    definition: { chart: "pie", query: { recordType: "activities", filter: null, period: { field: "activityAt", preset: "last30Days" }, measure: { fn: "count" }, groupBy: [{ by: "activityType" }] } },
  },
  { title: "Quota attainment", width: 4, height: 1, definition: { chart: "quota" } },
];
