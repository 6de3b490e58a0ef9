// `npm run db:generate -- --contacts 1000000 --companies 200000 --deals 10000 --activities 5000000 --tenants 99`
//
// Fills the database with one benchmark-scale tenant plus small tenants, in SQL.
// Connects as the owner: DATABASE_URL, or the ownerUrl that a running `npm start`
// keeps in .data/runtime.json. For benchmark databases only — never point it at real data.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { env } from "@/lib/env";
import { DATA_DIR } from "@/scripts/lib/secrets";
import { DEFAULT_OPTIONS, generateBenchData, type GenerateOptions } from "./generate";

const USAGE = `Usage: npm run db:generate -- [options]

  --contacts N     contacts in the big tenant      (default ${DEFAULT_OPTIONS.contacts})
  --companies N    companies in the big tenant     (default ${DEFAULT_OPTIONS.companies})
  --deals N        open deals in the big tenant    (default ${DEFAULT_OPTIONS.deals})
  --activities N   activities in the big tenant    (default ${DEFAULT_OPTIONS.activities})
  --leads N        open leads in the big tenant, ~1 activity each (default ${DEFAULT_OPTIONS.leads})
  --tenants N      small tenants next to it        (default ${DEFAULT_OPTIONS.tenants})
  --users N        users of the big tenant         (default ${DEFAULT_OPTIONS.users})
  --chunk N        rows per INSERT statement       (default ${DEFAULT_OPTIONS.chunk})
  --bulk-threshold N  a table getting this many rows is loaded without its secondary
                   indexes and foreign keys, rebuilt (and checked) at the end (default ${DEFAULT_OPTIONS.bulkThreshold})
  --password P     password of every generated user (default ${DEFAULT_OPTIONS.password})

Connects with DATABASE_URL (an owner/superuser URL), or else the ownerUrl in
.data/runtime.json, which \`npm start\` writes while it runs.

The load is one transaction; contacts, companies and activities stay locked until it
commits, so the running app waits on those tables meanwhile.`;

/** The owner URL, and where it came from (for error messages). */
export function ownerDatabaseUrl(): { url: string; source: string } {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, source: "DATABASE_URL" };
  const runtimeFile = path.join(DATA_DIR, "runtime.json");
  const shown = path.relative(process.cwd(), runtimeFile) || runtimeFile;
  if (!existsSync(runtimeFile)) {
    throw new Error(
      `no database to fill: DATABASE_URL is not set and ${shown} does not exist.\n` +
        "Start the app with `npm start` in another terminal (it runs the embedded PostgreSQL and writes that file) and run this again, " +
        "or set DATABASE_URL to an owner (superuser) URL.",
    );
  }
  const runtime = JSON.parse(readFileSync(runtimeFile, "utf8")) as { ownerUrl?: unknown };
  if (typeof runtime.ownerUrl !== "string" || !runtime.ownerUrl) throw new Error(`${shown} has no ownerUrl; set DATABASE_URL instead.`);
  return { url: runtime.ownerUrl, source: shown };
}

function parseOptions(argv: string[]): Partial<GenerateOptions> | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      contacts: { type: "string" },
      companies: { type: "string" },
      deals: { type: "string" },
      activities: { type: "string" },
      leads: { type: "string" },
      tenants: { type: "string" },
      users: { type: "string" },
      chunk: { type: "string" },
      "bulk-threshold": { type: "string" },
      password: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return null;
  const opts: Partial<GenerateOptions> = {};
  const numeric = { contacts: "contacts", companies: "companies", deals: "deals", activities: "activities", leads: "leads", tenants: "tenants", users: "users", chunk: "chunk", bulkThreshold: "bulk-threshold" } as const;
  for (const [key, flag] of Object.entries(numeric) as [keyof typeof numeric, (typeof numeric)[keyof typeof numeric]][]) {
    const raw = values[flag];
    if (raw === undefined) continue;
    const n = Number(raw.replace(/_/g, ""));
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${flag} must be a non-negative integer (got "${raw}")`);
    opts[key] = n;
  }
  if (values.password !== undefined) opts.password = values.password;
  return opts;
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  if (!opts) {
    console.log(USAGE);
    return;
  }
  const { url, source } = ownerDatabaseUrl();
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    try {
      await sql`select 1`;
    } catch (err) {
      const hint = source === "DATABASE_URL" ? "" : " Is `npm start` still running? (it removes the file when it stops; a stale one is left after a crash)";
      throw new Error(`cannot connect to the database from ${source}: ${err instanceof Error ? err.message : String(err)}.${hint}`);
    }
    const result = await generateBenchData(sql, { ...opts, log: (line) => console.log(line) });
    console.log(JSON.stringify(result));
  } finally {
    await sql.end({ timeout: 5 });
  }
}

main().catch((err: unknown) => {
  console.error(`db:generate failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
