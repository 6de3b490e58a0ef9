// Issue 12, item 16: a record's stage history stays one chain in time order when moves
// wait for each other's row lock — in one process and across two app processes.
import { spawn } from "node:child_process";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { deals, pipelines, pipelineStages, stageHistory } from "@/db/schema";
import { makeTenant } from "@/db/testing/factories";
import { createRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { runMoves } from "./move-batch";
import { moveRecord } from "./move-record";

const ROOT = path.resolve(import.meta.dirname, "../..");

async function salesStages(ctx: TenantContext) {
  return withTenant(ctx, async (tx) => {
    const [p] = await tx.select().from(pipelines).where(and(eq(pipelines.tenantId, ctx.tenantId), eq(pipelines.objectType, "DEAL"), eq(pipelines.isDefault, true)));
    const stages = await tx.select().from(pipelineStages).where(eq(pipelineStages.pipelineId, p!.id)).orderBy(asc(pipelineStages.displayOrder));
    return Object.fromEntries(stages.map((s) => [s.name, s.id]));
  });
}

/** Asserts the record's history is one chain, in the same order by time and by seq, ending where the record is. */
async function expectOneChain(ctx: TenantContext, id: string) {
  const rows = await withTenant(ctx, (tx) => tx.select().from(stageHistory).where(eq(stageHistory.entityId, id)).orderBy(asc(stageHistory.seq)));
  const [deal] = await withTenant(ctx, (tx) => tx.select().from(deals).where(eq(deals.id, id)));
  expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
  const byTime = [...rows].sort((a, b) => a.changedAt.getTime() - b.changedAt.getTime() || a.seq - b.seq);
  expect(byTime.map((r) => r.seq)).toEqual(rows.map((r) => r.seq));
  for (let i = 1; i < rows.length; i++) {
    expect(rows[i]!.fromStageId).toBe(rows[i - 1]!.toStageId);
    expect(rows[i]!.changedAt.getTime()).toBeGreaterThanOrEqual(rows[i - 1]!.changedAt.getTime());
  }
  expect(rows.at(-1)!.toStageId).toBe(deal!.stageId);
  expect(deal!.stageEnteredAt!.getTime()).toBe(rows.at(-1)!.changedAt.getTime());
  return rows;
}

describe("stage history order", () => {
  it("a move that began before another but waited for the lock is recorded after it", async () => {
    const { ctx } = await makeTenant();
    const stage = await salesStages(ctx);
    const [lo, hi] = [await createRecord(ctx, "DEAL", { name: "Held" }), await createRecord(ctx, "DEAL", { name: "Raced" })]
      .map((d) => d.id)
      .sort();
    const owner = postgres(inject("ownerUrl"), { max: 2, onnotice: () => {} });
    try {
      const holder = await owner.reserve();
      const [{ pid }] = (await holder<{ pid: number }[]>`select pg_backend_pid() as pid`) as unknown as [{ pid: number }];
      await holder`begin`;
      await holder`select 1 from deals where tenant_id = ${ctx.tenantId} and id = ${lo!} for update`;
      // A: one transaction moving both deals; it locks in id order, so it begins and then
      // waits on `lo` before it has locked `hi`.
      const a = runMoves([
        { ctx, kind: "DEAL", id: lo!, input: { toStageId: stage.Qualification! } },
        { ctx, kind: "DEAL", id: hi!, input: { toStageId: stage.Proposal! } },
      ]);
      const waiting = async () => {
        const [r] = await owner<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where ${pid} = any(pg_blocking_pids(pid))`;
        return r!.n;
      };
      await expect.poll(waiting, { timeout: 10_000 }).toBe(1);
      // B: a later transaction moves `hi` and commits while A waits.
      await moveRecord(ctx, "DEAL", hi!, { toStageId: stage.Negotiation! });
      await holder`commit`;
      holder.release();
      const results = await a;
      expect(results).not.toBe("write-failed");
      expect((results as { ok: boolean }[]).map((r) => r.ok)).toEqual([true, true]);

      const rows = await expectOneChain(ctx, hi!);
      expect(rows.map((r) => r.toStageId)).toEqual([stage.Prospecting, stage.Negotiation, stage.Proposal]);
      await expectOneChain(ctx, lo!);
    } finally {
      await owner.end();
    }
  });

  it("two app processes moving one deal at once leave one chain", async () => {
    const { ctx } = await makeTenant();
    const stage = await salesStages(ctx);
    const deal = await createRecord(ctx, "DEAL", { name: "Contested", amount: "100" });
    const stageIds = [stage.Prospecting!, stage.Qualification!, stage.Proposal!, stage.Negotiation!];
    const env = { ...process.env, APP_DATABASE_URL: inject("appUrl"), DATABASE_URL: inject("ownerUrl") };
    const run = (moves: number) =>
      new Promise<{ accepted: number }>((resolve, reject) => {
        const child = spawn("npx", ["tsx", "--tsconfig", "tsconfig.node.json", "lib/pipelines/testing/move-many.ts"], {
          cwd: ROOT,
          env: { ...env, MOVE_JOB: JSON.stringify({ ctx, id: deal.id, stageIds, moves }) },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let out = "";
        let err = "";
        child.stdout.on("data", (d: Buffer) => (out += d.toString()));
        child.stderr.on("data", (d: Buffer) => (err += d.toString()));
        child.on("error", reject);
        child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!)) : reject(new Error(`exit ${code}: ${err}`))));
      });
    const [one, two] = await Promise.all([run(20), run(20)]);
    const rows = await expectOneChain(ctx, deal.id);
    expect(rows).toHaveLength(1 + one.accepted + two.accepted);
    expect(one.accepted + two.accepted).toBeGreaterThan(20);
  }, 120_000);
});
