// Import throughput (issue 17): 100,000 contacts through the import — upload into
// import_rows, then the worker's batches through the record services (createRecordsIn /
// updateEachIn: a batch's rows written together, events, record changes) — first creating them
// (UPSERT by email, no match), then again updating every one (UPSERT, all matched); next
// to a raw `COPY` and a raw multi-row INSERT of the same rows into the same table, in the
// same run. Peak RSS of this process (the server's work) is sampled throughout.
//   npm run bench -- --only import             (IMPORT_ROWS=100000 by default; IMPORT_UPDATE=0 skips the update)
//   npx tsx --tsconfig tsconfig.node.json bench/import.ts --standalone   (its own embedded database)
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import type { Row, Stats } from "./harness";

const ROWS = Number(process.env.IMPORT_ROWS ?? 100_000);

export interface ImportBenchEnv {
  owner: postgres.Sql;
}

const once = (ms: number): Stats => ({ n: 1, p50: ms, p95: ms, mean: ms });
const rate = (ms: number) => Math.round(ROWS / (ms / 1000));

const HEADER = "First Name,Last Name,Email,Phone Number,Job Title";
const line = (i: number, run: string) => `First${i},Last${i},c${i}-${run}@bench.example,+1 555 ${String(i).padStart(7, "0")},Title ${i % 50}`;

/** The file, made as it is read (a million rows are never in memory at once: the peak RSS is the import's). */
async function* csv(run: string): AsyncGenerator<Uint8Array> {
  let buf = `${HEADER}\r\n`;
  for (let i = 0; i < ROWS; i++) {
    buf += `${line(i, run)}\r\n`;
    if (buf.length >= 64 * 1024) {
      yield Buffer.from(buf);
      buf = "";
    }
  }
  yield Buffer.from(buf);
}

export async function benchImport(env: ImportBenchEnv): Promise<Row[]> {
  const { createTenant } = await import("../lib/tenancy/create-tenant");
  const { uploadImport, updateImport, startImport, getImport } = await import("../lib/imports/service");
  const { runImport } = await import("../lib/imports/run");
  const run = randomUUID().slice(0, 8);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);

  const a = await createTenant({ name: `Import bench ${run}`, adminEmail: `import-bench-${run}@bench.example`, adminPassword: "Str0ng-pass!" });
  const ctx = { tenantId: a.tenantId, actor: { kind: "user" as const, userId: a.userId, role: "admin" as const, source: "USER" as const } };
  const importOnce = async () => {
    const t = performance.now();
    const up = await uploadImport(ctx, "CONTACT", csv(run), "bench.csv");
    const uploaded = performance.now() - t;
    await updateImport(ctx, up.id, { mode: "UPSERT", matchOn: "email" });
    await startImport(ctx, up.id);
    await runImport(ctx.tenantId, up.id);
    const done = await getImport(ctx, up.id);
    if (done.processed !== ROWS || done.failed) throw new Error(`import bench: ${JSON.stringify({ processed: done.processed, failed: done.failed })}`);
    return { total: performance.now() - t, uploaded, done };
  };
  const created = await importOnce();
  // IMPORT_UPDATE=0: only the create (a million rows' update would double a long run)
  const updated = process.env.IMPORT_UPDATE === "0" ? null : await importOnce();
  clearInterval(sampler);

  // the same rows, raw, into the same table (another tenant, so both start empty)
  const b = await createTenant({ name: `Import bench raw ${run}`, adminEmail: `import-bench-raw-${run}@bench.example`, adminPassword: "Str0ng-pass!" });
  const fields = (i: number) => line(i, run).split(",");
  let t = performance.now();
  const copy = await env.owner`copy contacts (tenant_id, first_name, last_name, email, phone, job_title) from stdin`.writable();
  await new Promise<void>((resolve, reject) => {
    copy.on("finish", resolve).on("error", reject);
    let i = 0;
    const write = () => {
      let ok = true;
      while (i < ROWS && ok) ok = copy.write(`${b.tenantId}\t${fields(i++).join("\t")}\n`);
      if (i < ROWS) copy.once("drain", write);
      else copy.end();
    };
    write();
  });
  const copyMs = performance.now() - t;
  await env.owner`delete from contacts where tenant_id = ${b.tenantId}`;
  t = performance.now();
  for (let i = 0; i < ROWS; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, ROWS - i) }, (_, j) => fields(i + j));
    await env.owner`insert into contacts ${env.owner(rows.map((r) => ({ tenant_id: b.tenantId, first_name: r[0], last_name: r[1], email: r[2], phone: r[3], job_title: r[4] })))}`;
  }
  const insertMs = performance.now() - t;
  for (const id of [a.tenantId, b.tenantId]) await env.owner`delete from tenants where id = ${id}`;

  const ratio = (ms: number) => rate(ms) / rate(copyMs);
  const mb = Math.round(peak / 1024 / 1024);
  return [
    {
      benchmark: `import ${ROWS} contacts (create, upsert by email)`,
      app: once(created.total),
      raw: once(copyMs),
      target: "≥ 25% of COPY's rows/s",
      pass: ratio(created.total) >= 0.25,
      note: `import ${rate(created.total)} rows/s (upload ${Math.round(created.uploaded)} ms), COPY ${rate(copyMs)} rows/s, INSERT ${rate(insertMs)} rows/s: ${(ratio(created.total) * 100).toFixed(1)}% of COPY; peak RSS ${mb} MB`,
    },
    ...(updated
      ? [
          {
            benchmark: `import ${ROWS} contacts (update, upsert by email)`,
            app: once(updated.total),
            raw: once(insertMs),
            target: "≥ 25% of COPY's rows/s",
            pass: ratio(updated.total) >= 0.25,
            note: `import ${rate(updated.total)} rows/s, raw INSERT ${rate(insertMs)} rows/s (the raw column), COPY ${rate(copyMs)} rows/s: ${(ratio(updated.total) * 100).toFixed(1)}% of COPY; peak RSS ${mb} MB`,
          },
        ]
      : []),
  ];
}

/** `--standalone`: an embedded database of its own, migrated, then the bench, then gone. */
async function standalone(): Promise<void> {
  const { startEmbedded, freePort } = await import("../db/embedded");
  const { migrateDatabase, appUrlFor } = await import("../db/migrate");
  const { report } = await import("./harness");
  const cluster = await startEmbedded({ dataDir: mkdtempSync(path.join(tmpdir(), "stageline-bench-")), port: await freePort(), persistent: false });
  const appPassword = randomUUID();
  try {
    await migrateDatabase(cluster.ownerUrl, appPassword);
    process.env.APP_DATABASE_URL = appUrlFor(cluster.ownerUrl, appPassword);
    const owner = postgres(cluster.ownerUrl, { max: 2, onnotice: () => {} });
    report(await benchImport({ owner }));
    await owner.end();
    const { closeDb } = await import("../db/client");
    await closeDb();
  } finally {
    await cluster.stop();
  }
}

if (process.argv.includes("--standalone")) {
  standalone().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
