#!/usr/bin/env node
// `npm test`: typecheck, lint, the duplicate-code check, Vitest (unit + integration on embedded PostgreSQL), and
// Playwright e2e in Debian's Chromium; the IMAP tests use Debian's Dovecot. Installs what it needs first.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const started = Date.now();

function run(label, cmd, args) {
  const t = Date.now();
  console.log(`\n▶ ${label}: ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`\n✖ ${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
  console.log(`✔ ${label} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}

if (!existsSync("node_modules/.package-lock.json")) run("install", "npm", ["ci", "--strict-allow-scripts", "--no-audit", "--no-fund", "--loglevel=warn"]);

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  if (process.getuid?.() === 0) {
    run("install chromium", "sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"]);
  } else {
    console.error(`✖ Chromium is missing at ${chromium}. Install Debian's package as root: apt-get install -y chromium (or set CHROMIUM_PATH).`);
    process.exit(1);
  }
}

// a private Dovecot serves the IMAP sync's tests (lib/email/imap-test-server.ts)
const dovecot = process.env.DOVECOT_PATH ?? "/usr/sbin/dovecot";
if (!existsSync(dovecot)) {
  if (process.getuid?.() === 0) {
    run("install dovecot", "sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd"]);
  } else {
    console.error(`✖ Dovecot is missing at ${dovecot}. Install Debian's package as root: apt-get install -y dovecot-imapd (or set DOVECOT_PATH).`);
    process.exit(1);
  }
}

run("typecheck", "npx", ["tsc", "--noEmit"]);
run("lint", "npx", ["eslint", ".", "--max-warnings=0"]);
// no block of 10+ identical lines outside db/schema and the migrations (scripts/duplicates.ts)
run("duplicate code", "npm", ["run", "--silent", "duplicates", "--", "--max-clones", "0"]);
run("unit + integration (Vitest)", "npx", ["vitest", "run"]);
run("build", "npx", ["tsx", "scripts/build.ts"]);
run("e2e (Playwright)", "npx", ["playwright", "test"]);
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
