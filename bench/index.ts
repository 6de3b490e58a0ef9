// `npm run bench`: the performance figures of the issues, on the big-data tenant
// (`npm run db:generate` first), each next to the same work in raw SQL, same run.
//   BENCH_DATABASE_URL=<owner url> BENCH_APP_PASSWORD=<pw> npm run bench [-- --only list,move]
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { localSocketPath } from "../db/local-socket";
import { appUrlFor, migrateDatabase } from "../db/migrate";
import { BENCH_ADMIN_EMAIL } from "../db/generate/generate";
import { report, type Row } from "./harness";
import { benchList } from "./list";
import { benchLists } from "./lists";
import { benchMove } from "./move";
import { benchBoard } from "./board";
import { benchBoardUi } from "./board-ui";
import { benchSearch } from "./search";
import { benchTimeline } from "./timeline";
import { benchAutomations } from "./automations";
import { benchAudit } from "./audit";
import { benchAccess } from "./access";
import { benchHttp } from "./http";
import { benchLeads } from "./leads";
import { benchScoring } from "./scoring";
import { benchDuplicates } from "./duplicates";
import { benchImport } from "./import";
import { benchEmail } from "./email";
import { benchAnalytics } from "./analytics";

export interface BenchEnv {
  owner: postgres.Sql;
  app: postgres.Sql;
  tenantId: string;
  userId: string;
  ownerUrl: string;
  appPassword: string;
}

const { values } = parseArgs({ options: { only: { type: "string" } } });

async function main() {
  const ownerUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? runtimeOwnerUrl();
  const appPassword = process.env.BENCH_APP_PASSWORD ?? process.env.APP_DATABASE_PASSWORD ?? secretsPassword();
  await migrateDatabase(ownerUrl, appPassword);
  const appUrl = appUrlFor(ownerUrl, appPassword);
  process.env.APP_DATABASE_URL = appUrl;
  process.env.DB_POOL_SIZE ??= "25";
  // the same connection path as the app (db/client.ts: a local server's Unix socket)
  const owner = postgres(ownerUrl, { max: 2, onnotice: () => {}, path: localSocketPath(ownerUrl) });
  const app = postgres(appUrl, { max: 25, onnotice: () => {}, path: localSocketPath(appUrl) });
  const [big] = await owner<{ tenant_id: string; user_id: string }[]>`
    select tu.tenant_id, tu.user_id from users u join tenant_users tu on tu.user_id = u.id where lower(u.email) = ${BENCH_ADMIN_EMAIL}`;
  if (!big) throw new Error(`no big-data tenant: run npm run db:generate first (looked for ${BENCH_ADMIN_EMAIL})`);
  const env: BenchEnv = { owner, app, tenantId: big.tenant_id, userId: big.user_id, ownerUrl, appPassword };
  const [{ n }] = (await owner`select count(*)::int as n from contacts where tenant_id = ${env.tenantId}`) as unknown as [{ n: number }];
  console.log(`big tenant ${env.tenantId}: ${n.toLocaleString()} contacts`);

  const only = values.only?.split(",");
  const suites: [string, (e: BenchEnv) => Promise<Row[]>][] = [
    ["list", benchList],
    ["lists", benchLists],
    ["search", benchSearch],
    ["timeline", benchTimeline],
    ["board", benchBoard],
    ["move", benchMove],
    ["board-ui", benchBoardUi],
    ["automations", (e) => benchAutomations(e.ownerUrl, e.appPassword)],
    ["audit", benchAudit],
    ["access", benchAccess],
    ["http", benchHttp],
    ["leads", benchLeads],
    ["scoring", benchScoring],
    ["duplicates", benchDuplicates],
    ["import", benchImport],
    ["email", benchEmail],
    ["analytics", benchAnalytics],
  ];
  const rows: Row[] = [];
  for (const [name, fn] of suites) {
    if (only && !only.includes(name)) continue;
    console.log(`… ${name}`);
    rows.push(...(await fn(env)));
  }
  report(rows);
  const { closeDb } = await import("../db/client");
  await Promise.all([owner.end(), app.end(), closeDb()]);
  process.exit(0);
}

function runtimeOwnerUrl(): string {
  if (existsSync(".data/runtime.json")) return (JSON.parse(readFileSync(".data/runtime.json", "utf8")) as { ownerUrl: string }).ownerUrl;
  throw new Error("set BENCH_DATABASE_URL (owner URL of the database filled by npm run db:generate), or keep npm start running");
}

function secretsPassword(): string {
  if (existsSync(".data/secrets.json")) return (JSON.parse(readFileSync(".data/secrets.json", "utf8")) as { appDbPassword: string }).appDbPassword;
  throw new Error("set BENCH_APP_PASSWORD (the app role's password)");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
