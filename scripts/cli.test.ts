// The bootstrap CLI of API.md, run as a real child process: one JSON line on stdout,
// keys that authenticate with the right tenant and role, clear errors and exit codes.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "@/db/embedded";
import { authenticateApiKey } from "@/lib/api/keys";
import { isUuid } from "@/lib/uuid";
import { parseCommand, UsageError } from "./cli";

const ROOT = path.resolve(import.meta.dirname, "..");
const PASSWORD = "Str0ng-pass!";

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npx tsx --tsconfig tsconfig.node.json scripts/cli.ts ...args` (as `npm run cli` does); env replaces the database variables. */
function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<Result> {
  const base = { ...process.env };
  for (const k of ["DATABASE_URL", "APP_DATABASE_URL", "APP_DATABASE_PASSWORD", "STAGELINE_DATA_DIR", "EMBEDDED_PG_PORT"]) delete base[k];
  const merged: Record<string, string | undefined> = { ...base, DATABASE_URL: inject("ownerUrl"), APP_DATABASE_URL: inject("appUrl"), ...env };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "--tsconfig", "tsconfig.node.json", "scripts/cli.ts", ...args], { cwd: ROOT, env: merged as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Exactly one line of JSON on stdout. */
function jsonLine(r: Result): Record<string, string> {
  expect(r.stderr).not.toMatch(/^error:/m);
  expect(r.code).toBe(0);
  const lines = r.stdout.split("\n").filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(r.stdout.endsWith("\n")).toBe(true);
  return JSON.parse(lines[0]!);
}

const email = (tag: string) => `${tag}-${randomUUID()}@acme.test`;

// Each run is a fresh `npx tsx` process (seconds on a busy machine): generous timeouts.
describe("npm run cli", { timeout: 120_000 }, () => {
  let owner: postgres.Sql;
  beforeAll(() => {
    owner = postgres(inject("ownerUrl"), { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await owner.end();
  });

  it("tenant create prints tenantId, userId and an admin key named CLI that works", async () => {
    const adminEmail = email("admin");
    const r = await cli(["tenant", "create", "--name", "Acme", "--admin-email", adminEmail, "--admin-password", PASSWORD]);
    const out = jsonLine(r);
    expect(Object.keys(out).sort()).toEqual(["apiKey", "tenantId", "userId"]);
    expect(out.tenantId).toSatisfy(isUuid);
    expect(out.userId).toSatisfy(isUuid);
    expect(out.apiKey).toMatch(/^slk_/);
    // The password never shows up anywhere.
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);

    const ctx = await authenticateApiKey(out.apiKey!);
    expect(ctx).toMatchObject({ tenantId: out.tenantId, actor: { kind: "api_key", role: "admin" } });

    const [row] = await owner`
      select t.name as tenant_name, u.email, tu.role as member_role, k.name as key_name, k.role as key_role, k.created_by_user_id
      from tenants t join tenant_users tu on tu.tenant_id = t.id join users u on u.id = tu.user_id
      join api_keys k on k.tenant_id = t.id where t.id = ${out.tenantId!}`;
    expect(row).toEqual({ tenant_name: "Acme", email: adminEmail, member_role: "admin", key_name: "CLI", key_role: "admin", created_by_user_id: out.userId });
    // A new tenant starts with its default pipelines.
    const [p] = await owner`select count(*)::int as n from pipelines where tenant_id = ${out.tenantId!}`;
    expect(p!.n).toBe(3);
  });

  it("api-key create prints a working key with the role asked for", async () => {
    const t = jsonLine(await cli(["tenant", "create", "--name", "Keys Co", "--admin-email", email("keys"), "--admin-password", PASSWORD]));
    const rep = jsonLine(await cli(["api-key", "create", "--tenant", t.tenantId!, "--role", "sales_rep"]));
    expect(Object.keys(rep)).toEqual(["apiKey"]);
    expect(await authenticateApiKey(rep.apiKey!)).toMatchObject({ tenantId: t.tenantId, actor: { kind: "api_key", role: "sales_rep" } });

    const named = jsonLine(await cli(["api-key", "create", "--tenant", t.tenantId!, "--role", "readonly", "--name", "Zapier"]));
    expect(await authenticateApiKey(named.apiKey!)).toMatchObject({ tenantId: t.tenantId, actor: { role: "readonly" } });
    const keys = await owner`select name, role::text from api_keys where tenant_id = ${t.tenantId!} order by created_at`;
    expect(keys.map((k) => `${k.name}:${k.role}`)).toEqual(["CLI:admin", "CLI:sales_rep", "Zapier:readonly"]);
  });

  it("api-key create --user makes a key that acts as that member (by email or id), with their role", async () => {
    const adminEmail = email("owner");
    const t = jsonLine(await cli(["tenant", "create", "--name", "Users Co", "--admin-email", adminEmail, "--admin-password", PASSWORD]));
    const byEmail = jsonLine(await cli(["api-key", "create", "--tenant", t.tenantId!, "--user", adminEmail.toUpperCase()]));
    expect(await authenticateApiKey(byEmail.apiKey!)).toMatchObject({ tenantId: t.tenantId, actor: { kind: "api_key", userId: t.userId, role: "admin" } });
    const byId = jsonLine(await cli(["api-key", "create", "--tenant", t.tenantId!, "--user", t.userId!]));
    expect(await authenticateApiKey(byId.apiKey!)).toMatchObject({ actor: { userId: t.userId } });
    const unknown = await cli(["api-key", "create", "--tenant", t.tenantId!, "--user", "nobody@example.test"]);
    expect(unknown.code).not.toBe(0);
  });

  it("refuses a bad role with exit code 2 and says which roles exist", async () => {
    const r = await cli(["api-key", "create", "--tenant", randomUUID(), "--role", "superuser"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/--role must be one of admin, manager, sales_rep, readonly/);
  });

  it("refuses invalid or missing arguments with exit code 2, naming the flag", async () => {
    const r = await cli(["tenant", "create", "--name", "X", "--admin-email", "not-an-email", "--admin-password", "short"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/error: --admin-email must be an email address/);
    expect(r.stderr).toMatch(/error: --admin-password must be at least 8 characters/);
    expect(r.stderr).not.toContain("short"); // a rejected password is not echoed
    expect(r.stderr).toMatch(/Usage:/);
  });

  it("validates every command's arguments (in process)", () => {
    const cases: [string[], RegExp][] = [
      [[], /no command given/],
      [["tenant", "delete"], /unknown command: tenant delete/],
      [["api-key"], /unknown command: api-key/],
      [["tenant", "create", "--name", "X", "--admin-email", "a@b.test"], /--admin-password is required/],
      [["tenant", "create", "--admin-email", "a@b.test", "--admin-password", PASSWORD], /--name is required/],
      [["tenant", "create", "--name", "  ", "--admin-email", "a@b.test", "--admin-password", PASSWORD], /--name must not be empty/],
      [["tenant", "create", "--name", "X", "--admin-email", "a@b.test", "--admin-password", PASSWORD, "--role", "admin"], /Unknown option '--role'/],
      [["tenant", "create", "--name", "X", "--admin-email", "a@b.test", "--admin-password", PASSWORD, "extra"], /positional/i],
      [["api-key", "create", "--tenant", "not-a-uuid", "--role", "admin"], /--tenant must be a tenant id/],
      [["api-key", "create", "--tenant", randomUUID()], /--role is required/],
      [["api-key", "create", "--tenant", randomUUID(), "--role", "Admin"], /--role must be one of admin, manager, sales_rep, readonly/],
      [["api-key", "create", "--tenant", randomUUID(), "--role", "admin", "--name"], /argument missing/i],
    ];
    for (const [args, message] of cases) {
      expect(() => parseCommand(args), args.join(" ")).toThrow(UsageError);
      expect(() => parseCommand(args), args.join(" ")).toThrow(message);
    }
    const tenant = randomUUID();
    expect(parseCommand(["api-key", "create", "--tenant", tenant, "--role", "manager"])).toEqual({ command: "api-key create", args: { tenant, role: "manager", name: "CLI" } });
    expect(parseCommand(["tenant", "create", "--name", " Acme ", "--admin-email", "admin@acme.test", "--admin-password", PASSWORD])).toEqual({
      command: "tenant create",
      args: { name: "Acme", "admin-email": "admin@acme.test", "admin-password": PASSWORD },
    });
    expect(parseCommand(["--help"])).toBe("help");
    expect(parseCommand(["tenant", "create", "--help"])).toBe("help");
  });

  it("a duplicate admin email exits 1 with a message and creates nothing", async () => {
    const adminEmail = email("dup");
    jsonLine(await cli(["tenant", "create", "--name", "First", "--admin-email", adminEmail, "--admin-password", PASSWORD]));
    const r = await cli(["tenant", "create", "--name", "Second", "--admin-email", adminEmail.toUpperCase(), "--admin-password", PASSWORD]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/error: An account with this email already exists/);
    expect(r.stderr).not.toMatch(/insert|select|\$argon2/i);
    const [n] = await owner`select count(*)::int as n from tenants where name = 'Second' and slug like 'second-%' and created_at > now() - interval '1 minute'`;
    expect(n!.n).toBe(0);
  });

  it("api-key create for an unknown tenant exits 1", async () => {
    const r = await cli(["api-key", "create", "--tenant", randomUUID(), "--role", "admin"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/error: No tenant with id/);
  });

  it("with only DATABASE_URL set, migrates and connects as the app role", async () => {
    const appPassword = decodeURIComponent(new URL(inject("appUrl")).password);
    const r = await cli(["tenant", "create", "--name", "Owner URL only", "--admin-email", email("owner"), "--admin-password", PASSWORD], {
      APP_DATABASE_URL: undefined,
      // The test cluster's app password: migrating re-sets it, and other test files use it.
      APP_DATABASE_PASSWORD: appPassword,
    });
    const out = jsonLine(r);
    expect(await authenticateApiKey(out.apiKey!)).toMatchObject({ tenantId: out.tenantId, actor: { role: "admin" } });
  });

  it("with no database configured, starts the embedded one in the data dir, keeps it, and stops it on exit", async () => {
    const dataDir = path.join(ROOT, ".test-data", `cli-${process.pid}-${Date.now()}`);
    const port = await freePort();
    const env = { DATABASE_URL: undefined, APP_DATABASE_URL: undefined, STAGELINE_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port) };
    try {
      const adminEmail = email("embedded");
      const first = jsonLine(await cli(["tenant", "create", "--name", "Embedded", "--admin-email", adminEmail, "--admin-password", PASSWORD], env));
      expect(first.tenantId).toSatisfy(isUuid);

      // The app password was generated once and kept private.
      const secretsFile = path.join(dataDir, "secrets.json");
      expect((await stat(secretsFile)).mode & 0o777).toBe(0o600);
      const secrets = JSON.parse(await readFile(secretsFile, "utf8")) as Record<string, string>;
      expect(secrets.appDbPassword).toMatch(/^\S{16,}$/);
      expect(secrets.authSecret).toMatch(/^\S{32,}$/);
      expect(existsSync(path.join(dataDir, "pg", "PG_VERSION"))).toBe(true);
      expect(existsSync(path.join(dataDir, "runtime.json"))).toBe(false);

      // The server was stopped when the CLI exited...
      const probe = postgres(`postgres://postgres:stageline-owner@127.0.0.1:${port}/stageline`, { max: 1, connect_timeout: 2, onnotice: () => {} });
      await expect(probe`select 1`).rejects.toThrow();
      await probe.end();

      // ...and its data persisted: the next run sees the first tenant (and its admin's email).
      const again = jsonLine(await cli(["api-key", "create", "--tenant", first.tenantId!, "--role", "manager"], env));
      expect(again.apiKey).toMatch(/^slk_/);
      const dup = await cli(["tenant", "create", "--name", "Again", "--admin-email", adminEmail, "--admin-password", PASSWORD], env);
      expect(dup.code).toBe(1);
      expect(dup.stderr).toMatch(/already exists/);
      expect(JSON.parse(await readFile(secretsFile, "utf8"))).toEqual(secrets);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
