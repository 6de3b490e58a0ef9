// A second app process for the history-order test (move-history-order.test.ts): moves one
// record `MOVES` times through moveRecord, each to a stage other than the one it last saw.
// Input as JSON in MOVE_JOB; prints one JSON line with the number of accepted moves.
import { closeDb } from "@/db/client";
import { moveRecord } from "@/lib/pipelines/move-record";
import type { TenantContext } from "@/lib/tenancy/context";

interface Job {
  ctx: TenantContext;
  id: string;
  stageIds: string[];
  moves: number;
}

const job = JSON.parse(process.env.MOVE_JOB ?? "{}") as Job;
let current = "";
let accepted = 0;
for (let i = 0; i < job.moves; i++) {
  const targets = job.stageIds.filter((s) => s !== current);
  const to = targets[i % targets.length]!;
  try {
    const { record } = await moveRecord(job.ctx, "DEAL", job.id, { toStageId: to });
    current = record.stageId as string;
    accepted++;
  } catch {
    current = ""; // refused (the other process put it there first): any target next time
  }
}
await closeDb();
process.stdout.write(`${JSON.stringify({ accepted })}\n`);
