// `next build` unless the last build is of the same sources.
import { spawnSync } from "node:child_process";
import { buildIsCurrent, markBuilt } from "./lib/build-fingerprint";

if (buildIsCurrent()) {
  console.log("build is current");
} else {
  const r = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) process.exit(r.status ?? 1);
  markBuilt();
}
