// The request path end to end (issue 15): `next start` on the bench database, 10 clients on
// keep-alive connections, each sending its next request when the last one answered, for a
// fixed time per target, targets interleaved in rounds so that drift hits all alike:
// - GET /api/v1/contacts/{id} with an API key acting as the bench admin (a random contact
//   of the big tenant each time);
// - GET /api/health, Next's floor (a route handler doing one `select 1`);
// - the same SELECT in raw SQL: the app role, in a transaction with the tenant set (as the
//   services run it), 10 at a time on the bench's pool.
// Target: the by-id GET at ≥ 50% of the health route's requests/s. Needs a build
// (`npx tsx scripts/build.ts`).   npm run bench -- --only http   (BENCH_HTTP_SECONDS=5)
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { createApiKey, revokeApiKey } from "../lib/api/keys";
import type { TenantContext } from "../lib/tenancy/context";
import { startApp } from "./board-ui";
import { stats, type Row, type Stats } from "./harness";
import type { BenchEnv } from "./index";
import { rawInTenant } from "./tenant-sql";

const CLIENTS = 10;
const ROUNDS = 3;
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 5);

interface Run {
  rps: number;
  latency: number[];
  failures: number;
}

/** `clients` loops, each awaiting `once()` again and again until `seconds` have passed. */
async function drive(clients: number, seconds: number, once: (i: number) => Promise<boolean>): Promise<Run> {
  const latency: number[] = [];
  let failures = 0;
  let n = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const ok = await once(n++);
        latency.push(performance.now() - t);
        if (!ok) failures++;
      }
    }),
  );
  return { rps: latency.length / ((performance.now() - t0) / 1000), latency, failures };
}

function get(agent: Agent, url: URL, headers: Record<string, string>): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { agent, headers }, (res) => {
      res.resume(); // read the body to its end: the client pays for serialization too
      res.on("end", () => resolve(res.statusCode === 200));
    });
    req.on("error", () => resolve(false));
    req.end();
  });
}

export async function benchHttp(env: BenchEnv): Promise<Row[]> {
  const ctx: TenantContext = { tenantId: env.tenantId, actor: { kind: "user", userId: env.userId, role: "admin", source: "USER" } };
  const key = await createApiKey(ctx, { name: "bench http", userId: env.userId });
  const ids = (
    await rawInTenant(env.app, env.tenantId, (tx) => tx<{ id: string }[]>`
      select id from contacts where tenant_id = ${env.tenantId} and deleted_at is null order by random() limit 1000`)
  ).map((r) => r.id);
  const app = await startApp(env);
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const auth = { authorization: `Bearer ${key.key}` };
  const byId = (i: number) => get(agent, new URL(`${app.url}/api/v1/contacts/${ids[i % ids.length]}`), auth);
  const health = () => get(agent, new URL(`${app.url}/api/health`), {});
  const raw = (i: number) =>
    rawInTenant(env.app, env.tenantId, (tx) => tx`select * from contacts where tenant_id = ${env.tenantId} and id = ${ids[i % ids.length]!} and deleted_at is null`).then(
      (rows) => rows.length === 1,
      () => false,
    );
  try {
    // warm: Next compiles nothing in production, but the route's first calls load its modules, the key cache and plans
    await drive(CLIENTS, 2, byId);
    await drive(CLIENTS, 1, health);
    await drive(CLIENTS, 1, raw);
    const runs = { byId: [] as Run[], health: [] as Run[], raw: [] as Run[], one: [] as Run[] };
    for (let r = 0; r < ROUNDS; r++) {
      runs.health.push(await drive(CLIENTS, SECONDS, health));
      runs.byId.push(await drive(CLIENTS, SECONDS, byId));
      runs.raw.push(await drive(CLIENTS, SECONDS, raw));
      runs.one.push(await drive(1, SECONDS / 2, byId));
    }
    const sum = (list: Run[]) => ({
      rps: list.reduce((a, b) => a + b.rps, 0) / list.length,
      lat: stats(list.flatMap((x) => x.latency)),
      failures: list.reduce((a, b) => a + b.failures, 0),
    });
    const [b, h, q, one] = [sum(runs.byId), sum(runs.health), sum(runs.raw), sum(runs.one)];
    const failed = b.failures + h.failures + q.failures + one.failures;
    if (failed > 0) throw new Error(`${failed} requests failed (not 200): is the build current?`);
    const rps = (x: { rps: number }) => `${Math.round(x.rps).toLocaleString("en")}/s`;
    const row = (benchmark: string, app: Stats, target: string, pass: boolean, note: string): Row => ({ benchmark, app, raw: q.lat, target, pass, note });
    console.log(`  by id ${rps(b)} · health ${rps(h)} · raw SQL ${rps(q)} · by id, one client ${rps(one)} (${CLIENTS} clients, ${ROUNDS}×${SECONDS}s each)`);
    return [
      row(`GET /contacts/{id}, ${CLIENTS} clients (API key)`, b.lat, "≥ 50% of the health route's req/s", b.rps >= 0.5 * h.rps, `${rps(b)} = ${((b.rps / h.rps) * 100).toFixed(0)}% of health ${rps(h)}; raw SQL ${rps(q)}`),
      row(`GET /api/health, ${CLIENTS} clients (Next's floor)`, h.lat, "report", true, rps(h)),
      row("GET /contacts/{id}, one client", one.lat, "report (was 4 ms)", true, rps(one)),
    ];
  } finally {
    agent.destroy();
    app.stop();
    await revokeApiKey(ctx, key.id);
  }
}
