// graphile-worker task: the safety net behind the dynamic-lists consumer. Enqueue
// `refresh_tenant_lists` with { tenantId } (e.g. from a per-tenant schedule) to recompute
// every non-archived DYNAMIC list of that tenant.
import type { Task } from "graphile-worker";
import { systemActor } from "@/lib/tenancy/context";
import { refreshAllLists } from "./service";

export const refreshTenantListsTask: Task = async (payload, helpers) => {
  const { tenantId } = payload as { tenantId: string };
  const result = await refreshAllLists({ tenantId, actor: systemActor() });
  for (const f of result.failed) helpers.logger.warn(`list ${f.listId} of tenant ${tenantId} not refreshed: ${f.error}`);
};
