#!/usr/bin/env node
// `npm start`: install what is missing, then hand over to scripts/serve.ts (embedded
// PostgreSQL, migrations, demo seed, build, app + worker). Plain JS: it runs before
// dependencies exist.
import { spawnSync, spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";

function needsInstall() {
  if (!existsSync("node_modules/.package-lock.json")) return true;
  return statSync("package-lock.json").mtimeMs > statSync("node_modules/.package-lock.json").mtimeMs;
}

if (needsInstall()) {
  console.log("Installing dependencies (npm ci)…");
  const r = spawnSync("npm", ["ci", "--strict-allow-scripts", "--no-audit", "--no-fund", "--loglevel=warn"], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// tsconfig.node.json: server modules' `import "server-only"` resolves to its empty build.
const env = { ...process.env, TSX_TSCONFIG_PATH: "tsconfig.node.json" };
const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", ...process.argv.slice(2)], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
