// Dynamic lists follow record changes by themselves, end to end: the real worker
// dispatches record events to the "dynamic-lists" consumer. Own database, like the
// outbox test, so this worker only sees this file's jobs.
import type { Runner } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import { createRecord, deleteRecord, updateRecord } from "@/lib/records/service";
import { quietWorkerLogs, startWorker } from "@/lib/worker";
import { eq } from "drizzle-orm";
import { listMemberships } from "@/db/schema";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { createList } from "./service";
import { getList, listMembers } from "./queries";
import { createOwnDatabase, type OwnDatabase } from "@/db/testing/own-database";

const WAIT = { timeout: 5_000, interval: 50 };

describe("dynamic lists via the worker", () => {
  let db: OwnDatabase;
  let runner: Runner | null = null;

  beforeAll(async () => {
    db = await createOwnDatabase("lists_test");
    quietWorkerLogs();
    runner = await startWorker({ ownerUrl: db.ownerUrl, pollInterval: 100, concurrency: 4 });
  });

  afterAll(async () => {
    await runner?.stop();
    await db?.drop();
  });

  it("joins and leaves within 5 seconds of record changes", async () => {
    const t = await makeTenant("Lists Co");
    const list = await createList(t.ctx, { name: "Big", objectType: "COMPANY", processingType: "DYNAMIC", filter: { all: [{ field: "employeeCount", op: "gte", value: 100 }] } });
    const ids = async () => (await listMembers(t.ctx, list.id)).data.map((m) => m.memberId);
    const co = await createRecord(t.ctx, "COMPANY", { name: "Acme", employeeCount: 500 });
    await vi.waitFor(async () => expect(await ids()).toEqual([co.id]), WAIT);
    await updateRecord(t.ctx, "COMPANY", co.id, { employeeCount: 5 });
    await vi.waitFor(async () => expect(await ids()).toEqual([]), WAIT);
    await updateRecord(t.ctx, "COMPANY", co.id, { employeeCount: 150 });
    await vi.waitFor(async () => expect(await ids()).toEqual([co.id]), WAIT);
    await deleteRecord(t.ctx, "COMPANY", co.id);
    await vi.waitFor(async () => expect(await ids()).toEqual([]), WAIT);
    expect((await getList(t.ctx, list.id)).memberCount).toBe(0);
  });

  it("the sweep job (crontab, every 15 minutes) refreshes the lists of every tenant", async () => {
    const [a, b] = [await makeTenant("Sweep A"), await makeTenant("Sweep B")];
    const lists = [];
    for (const t of [a, b]) {
      const co = await createRecord(t.ctx, "COMPANY", { name: "Big", employeeCount: 500 });
      const list = await createList(t.ctx, { name: "Big", objectType: "COMPANY", processingType: "DYNAMIC", filter: { all: [{ field: "employeeCount", op: "gte", value: 100 }] } });
      // memberships lost without any event: only a full refresh brings them back
      await withTenant(t.ctx, (tx) => tx.delete(listMemberships).where(eq(listMemberships.tenantId, t.tenantId)));
      lists.push({ t, list, co });
    }
    await runner!.addJob("lists_sweep", {});
    for (const { t, list, co } of lists) {
      await vi.waitFor(async () => expect((await listMembers(t.ctx, list.id)).data.map((m) => m.memberId)).toEqual([co.id]), { timeout: 15_000, interval: 100 });
    }
  });
});
