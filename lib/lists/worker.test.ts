// Dynamic lists follow record changes by themselves, end to end: the real worker
// dispatches record events to the "dynamic-lists" consumer. Own database, like the
// outbox test, so this worker only sees this file's jobs.
import { randomBytes } from "node:crypto";
import type { Runner } from "graphile-worker";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { closeDb } from "@/db/client";
import { appUrlFor, migrateDatabase } from "@/db/migrate";
import { makeTenant } from "@/db/testing/factories";
import { createRecord, deleteRecord, updateRecord } from "@/lib/records/service";
import { quietWorkerLogs, startWorker } from "@/lib/worker";
import { eq } from "drizzle-orm";
import { listMemberships } from "@/db/schema";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { createList, getList, listMembers } from "./service";

const WAIT = { timeout: 5_000, interval: 50 };

describe("dynamic lists via the worker", () => {
  const dbName = `lists_test_${process.pid}_${randomBytes(3).toString("hex")}`;
  let ownerUrl: string;
  let runner: Runner | null = null;

  beforeAll(async () => {
    const base = inject("ownerUrl");
    const appPassword = decodeURIComponent(new URL(inject("appUrl")).password);
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${dbName}`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${dbName}`;
    ownerUrl = u.toString();
    await migrateDatabase(ownerUrl, appPassword);
    await closeDb();
    process.env.APP_DATABASE_URL = appUrlFor(ownerUrl, appPassword);
    quietWorkerLogs();
    runner = await startWorker({ ownerUrl, pollInterval: 100, concurrency: 4 });
  });

  afterAll(async () => {
    await runner?.stop();
    await closeDb();
    const admin = postgres(inject("ownerUrl"), { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
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
