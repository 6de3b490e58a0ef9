// graphile-worker task behind "rescore all": queued by the lead_rescore_runs row a PUT
// /lead-scoring inserts (its trigger, migration lead_scoring_assignment), one job key per
// tenant, so a newer PUT replaces a run still waiting.
import "server-only";
import type { Task } from "graphile-worker";
import { runRescoreAll } from "./service";

export const rescoreLeadsTask: Task = async (payload, helpers) => {
  const { tenantId, runId } = payload as { tenantId: string; runId: string };
  const run = await runRescoreAll(tenantId, runId);
  helpers.logger.info(`rescored ${run.processed} lead(s) of tenant ${tenantId}, ${run.changed} changed`);
};
