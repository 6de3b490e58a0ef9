// Bootstrap from a shell (API.md → Basics):
//   npm run cli -- tenant create --name "Acme" --admin-email admin@acme.test --admin-password 'Str0ng-pass!'
//     → {"tenantId":"…","userId":"…","apiKey":"…"}   (an admin key named "CLI")
//   npm run cli -- api-key create --tenant <tenantId> (--role sales_rep | --user <email or id>) [--name X]
//     → {"apiKey":"…"}
//   npm run cli -- user create --tenant <tenantId> --email <e> --name <n> --role <r> --password <p>
//     → {"userId":"…"}
// stdout carries exactly one JSON line; everything else goes to stderr. Exit codes:
// 0 done, 1 refused or failed (e.g. the email is taken), 2 invalid arguments.
// The database: APP_DATABASE_URL if set, else see scripts/lib/runtime.ts.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { closeDb } from "../db/client";
import { tenants, tenantUsers, users } from "../db/schema";
import { TENANT_ROLES } from "../db/schema/enums";
import { createApiKey } from "../lib/api/keys";
import { env } from "../lib/env";
import { AppError } from "../lib/errors";
import { systemActor, type TenantContext } from "../lib/tenancy/context";
import { createTenant } from "../lib/tenancy/create-tenant";
import { acceptInvitationAsNewUser, createInvitation, revokeInvitation } from "../lib/tenancy/invitations";
import { withTenant } from "../lib/tenancy/with-tenant";
import { isUuid } from "../lib/uuid";

const USAGE = `Usage:
  npm run cli -- tenant create --name <name> --admin-email <email> --admin-password <password> [--admin-name <name>]
      Creates a tenant with its first admin and an admin API key named "CLI".
      Prints {"tenantId": "...", "userId": "...", "apiKey": "..."}.
  npm run cli -- api-key create --tenant <tenantId> (--role <${TENANT_ROLES.join("|")}> | --user <email or id>) [--name <name>]
      Creates an API key for the tenant: a workspace key with a role, or a key that acts as
      the member (their role and access scope). Prints {"apiKey": "..."}.
  npm run cli -- user create --tenant <tenantId> --email <email> --name <name> --role <${TENANT_ROLES.join("|")}> --password <password>
      Adds a new user to the tenant (an operator's tool: in the product, people join by
      invitation; this one is made and accepted at once). Prints {"userId": "..."}.

Database: APP_DATABASE_URL; else DATABASE_URL (migrated first; app password from
APP_DATABASE_PASSWORD or .data/secrets.json); else the running \`npm start\`; else the
embedded database in .data/pg.`;

export class UsageError extends Error {}

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

const tenantCreateArgs = z.object({
  name: text(200),
  "admin-email": z.string().trim().pipe(z.email("must be an email address")),
  "admin-password": z.string().min(8, "must be at least 8 characters").max(1000, "is too long"),
  "admin-name": text(200).optional(),
});

const apiKeyCreateArgs = z
  .object({
    tenant: z.string().trim().pipe(z.uuid("must be a tenant id (a UUID)")),
    role: z.enum(TENANT_ROLES, { error: `must be one of ${TENANT_ROLES.join(", ")}` }).optional(),
    /** The key acts as this member (email or id): their role and access scope. */
    user: text(320).optional(),
    name: text(100).default("CLI"),
  })
  .refine((a) => a.role || a.user, { path: ["role"], message: "is required (or --user)" });

const userCreateArgs = z.object({
  tenant: z.string().trim().pipe(z.uuid("must be a tenant id (a UUID)")),
  email: z.string().trim().pipe(z.email("must be an email address")),
  name: text(200),
  role: z.enum(TENANT_ROLES, { error: `must be one of ${TENANT_ROLES.join(", ")}` }),
  password: z.string().min(8, "must be at least 8 characters").max(1000, "is too long"),
});

const COMMANDS = {
  "tenant create": {
    options: {
      name: { type: "string" },
      "admin-email": { type: "string" },
      "admin-password": { type: "string" },
      "admin-name": { type: "string" },
    },
    schema: tenantCreateArgs,
  },
  "api-key create": {
    options: { tenant: { type: "string" }, role: { type: "string" }, user: { type: "string" }, name: { type: "string" } },
    schema: apiKeyCreateArgs,
  },
  "user create": {
    options: { tenant: { type: "string" }, email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, password: { type: "string" } },
    schema: userCreateArgs,
  },
} as const satisfies Record<string, { options: ParseArgsConfig["options"]; schema: z.ZodType }>;

type Command =
  | { command: "tenant create"; args: z.output<typeof tenantCreateArgs> }
  | { command: "api-key create"; args: z.output<typeof apiKeyCreateArgs> }
  | { command: "user create"; args: z.output<typeof userCreateArgs> };

/** argv → a validated command, or a UsageError that says what is wrong. */
export function parseCommand(argv: string[]): Command | "help" {
  if (argv.length === 0) throw new UsageError("no command given");
  if (["-h", "--help", "help"].includes(argv[0]!)) return "help";
  const name = `${argv[0]} ${argv[1] ?? ""}`.trim();
  if (!(name in COMMANDS)) throw new UsageError(`unknown command: ${name}`);
  const spec = COMMANDS[name as keyof typeof COMMANDS];
  let values: Record<string, unknown>;
  try {
    const parsed = parseArgs({ args: argv.slice(2), options: { ...spec.options, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals: false });
    values = parsed.values;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  if (values.help) return "help";
  delete values.help;
  const result = spec.schema.safeParse(values);
  if (!result.success) {
    // Name the flag and the rule, never echo the value (it may be a password).
    const lines = result.error.issues.map((i) => {
      const flag = `--${String(i.path[0] ?? "")}`;
      return values[String(i.path[0])] === undefined ? `${flag} is required` : `${flag} ${i.message}`;
    });
    throw new UsageError(lines.join("\n"));
  }
  return { command: name, args: result.data } as Command;
}

/** Carries out a parsed command (main prints its answer); exported for tests. */
export async function runCommand(cmd: Command): Promise<Record<string, string>> {
  if (cmd.command === "tenant create") {
    const { tenantId, userId } = await createTenant({
      name: cmd.args.name,
      adminEmail: cmd.args["admin-email"],
      adminPassword: cmd.args["admin-password"],
      adminName: cmd.args["admin-name"],
    });
    // The system acts, on behalf of the new admin (recorded as the key's creator).
    const ctx: TenantContext = { tenantId, actor: { ...systemActor(), userId } };
    const key = await createApiKey(ctx, { name: "CLI", role: "admin" });
    return { tenantId, userId, apiKey: key.key };
  }
  const ctx: TenantContext = { tenantId: cmd.args.tenant, actor: systemActor() };
  const found = await withTenant(ctx, (tx) => tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, cmd.args.tenant)));
  if (found.length === 0) throw new AppError("not-found", `No tenant with id ${cmd.args.tenant}`);
  if (cmd.command === "user create") return createUser(ctx, cmd.args);
  let userId: string | undefined;
  if (cmd.args.user) {
    const who = cmd.args.user;
    const [u] = await withTenant(ctx, (tx) =>
      tx
        .select({ id: tenantUsers.userId })
        .from(tenantUsers)
        .innerJoin(users, eq(users.id, tenantUsers.userId))
        .where(and(eq(tenantUsers.tenantId, cmd.args.tenant), isUuid(who) ? eq(users.id, who) : sql`lower(${users.email}) = lower(${who})`)),
    );
    if (!u) throw new AppError("not-found", `No member ${who} in tenant ${cmd.args.tenant}`);
    userId = u.id;
  }
  const key = await createApiKey(ctx, { name: cmd.args.name, role: userId ? null : cmd.args.role, userId });
  return { apiKey: key.key };
}

/**
 * The tenancy services' own way in: an invitation, accepted at once as a new account (its
 * membership and the audit's member.added come with it). An email that already has an
 * account is refused (its owner accepts an invitation in the product), and the invitation
 * is withdrawn.
 */
async function createUser(ctx: TenantContext, args: z.output<typeof userCreateArgs>): Promise<Record<string, string>> {
  const invitation = await createInvitation(ctx, { email: args.email, role: args.role });
  try {
    const { userId } = await acceptInvitationAsNewUser(invitation.token, { name: args.name, password: args.password });
    return { userId };
  } catch (err) {
    await revokeInvitation(ctx, { invitationId: invitation.id }).catch(() => {});
    throw err;
  }
}

/** A failure as one line without secrets: no SQL, no parameters, no passwords in URLs. */
function describeError(err: unknown): string {
  if (err instanceof AppError) return err.message;
  const cause = (err as { cause?: unknown })?.cause;
  const pg = [err, cause].find((e): e is { code: string; message: string } => !!e && typeof e === "object" && typeof (e as { code?: unknown }).code === "string" && typeof (e as { message?: unknown }).message === "string");
  const message = pg && /^[0-9A-Z]{5}$/.test(pg.code) ? `database error: ${pg.message}` : pg && /^E[A-Z]+$/.test(pg.code) ? `cannot reach the database (${pg.code})` : err instanceof Error ? err.message : String(err);
  return message.replace(/\/\/[^/@\s]*@/g, "//***@");
}

const write = (stream: NodeJS.WriteStream, s: string) => new Promise<void>((resolve) => stream.write(s, () => resolve()));

export async function main(argv: string[]): Promise<number> {
  // Anything a library logs must not mix into the one line of JSON on stdout.
  console.log = console.info = console.debug = (...a: unknown[]) => console.error(...a);

  let cmd: Command | "help";
  try {
    cmd = parseCommand(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    const lines = err.message.split("\n").map((l) => `error: ${l}`);
    await write(process.stderr, `${lines.join("\n")}\n\n${USAGE}\n`);
    return 2;
  }
  if (cmd === "help") {
    await write(process.stdout, `${USAGE}\n`);
    return 0;
  }

  let stop: (() => Promise<void>) | undefined;
  try {
    if (!env.APP_DATABASE_URL) {
      // Loaded only when needed: it brings the job queue's migrations and embedded Postgres.
      const { resolveDatabase } = await import("./lib/runtime");
      const resolved = await resolveDatabase();
      stop = resolved.stop;
      process.env.APP_DATABASE_URL = resolved.appUrl;
    }
    const out = await runCommand(cmd);
    await write(process.stdout, JSON.stringify(out) + "\n");
    return 0;
  } catch (err) {
    await write(process.stderr, `error: ${describeError(err)}\n`);
    return 1;
  } finally {
    await closeDb().catch(() => {});
    await stop?.().catch(() => {});
  }
}

// Run when executed (`tsx scripts/cli.ts ...`), not when imported by a test.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`error: ${describeError(err)}\n`, () => process.exit(1));
    },
  );
}
