import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const INPUTS = ["app", "components", "lib", "db/schema", "db/client.ts", "public", "next.config.mjs", "package-lock.json", "tsconfig.json", "postcss.config.mjs", "proxy.ts"];
const DIST = process.env.NEXT_DIST_DIR ?? ".next";
const MARK = `${DIST}/stageline-build.json`;

function walk(p: string, out: string[]) {
  if (!existsSync(p)) return;
  const st = statSync(p);
  if (st.isDirectory()) for (const e of readdirSync(p).sort()) walk(path.join(p, e), out);
  else out.push(`${p}:${st.size}:${createHash("sha1").update(readFileSync(p)).digest("hex")}`);
}

/** A hash of everything `next build` reads: a rebuild is needed when it changes. */
export function sourceFingerprint(): string {
  const files: string[] = [];
  for (const i of INPUTS) walk(i, files);
  return createHash("sha256").update(files.join("\n")).digest("hex");
}

export function buildIsCurrent(): boolean {
  if (!existsSync(`${DIST}/BUILD_ID`) || !existsSync(MARK)) return false;
  return (JSON.parse(readFileSync(MARK, "utf8")) as { fingerprint: string }).fingerprint === sourceFingerprint();
}

export function markBuilt(): void {
  writeFileSync(MARK, JSON.stringify({ fingerprint: sourceFingerprint(), at: new Date().toISOString() }));
}
