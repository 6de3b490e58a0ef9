// npm start and the tests as root from a private directory (issue 14, item 9): Postgres
// runs as the `postgres` user, which cannot enter a 0700 directory.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, placeCluster, startEmbedded, traversableByOthers } from "./embedded";

const scratch = mkdtempSync(path.join(tmpdir(), "stageline-embedded-"));
chmodSync(scratch, 0o755);
process.env.STAGELINE_SHARED_DIR = path.join(scratch, "shared");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function privateDir(): string {
  const dir = mkdtempSync(path.join(scratch, "private-"));
  chmodSync(dir, 0o700);
  return dir;
}

describe("placing the embedded cluster", () => {
  it("sees a 0700 directory on the way as closed to others", () => {
    const closed = privateDir();
    expect(traversableByOthers(path.join(closed, "pg"))).toBe(false);
    expect(traversableByOthers(scratch)).toBe(true);
  });

  it("as root, moves a data directory the postgres user cannot reach under the shared directory; otherwise leaves it", () => {
    const dataDir = path.join(privateDir(), "pg");
    const asRoot = placeCluster(dataDir, { root: true });
    expect(asRoot.moved).toBe(true);
    expect(asRoot.dataDir.startsWith(path.join(scratch, "shared") + path.sep)).toBe(true);
    expect(traversableByOthers(path.dirname(asRoot.dataDir))).toBe(true);
    expect(placeCluster(dataDir, { root: false })).toEqual({ dataDir, moved: false });
  });

  it("starts a cluster whose data directory was asked for inside a private directory", async () => {
    const cluster = await startEmbedded({ dataDir: path.join(privateDir(), "pg"), port: await freePort(), persistent: false });
    try {
      const sql = postgres(cluster.ownerUrl, { max: 1, onnotice: () => {} });
      const [row] = await sql<{ ok: number }[]>`select 1 as ok`;
      await sql.end();
      expect(row!.ok).toBe(1);
      if (process.getuid?.() === 0) expect(traversableByOthers(path.dirname(cluster.dataDir))).toBe(true);
    } finally {
      await cluster.stop();
    }
  }, 60_000);
});
