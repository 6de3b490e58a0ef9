// Every environment variable the app, the worker and the scripts read, in one place (README
// → Configuration documents each). A value is read from process.env each time, and checked
// by zod whenever it differs from the last one checked, so a test or script that sets
// process.env before use is seen; `npm start`, `npm run worker`
// and `npm run db:migrate` call checkEnv() first, so a bad value stops them before anything
// starts, with a message that names the variable and says what it expects. Empty means
// unset. Writes still go to process.env (the scripts hand URLs to the app that way).
import { z } from "zod";

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;

const whole = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const postgresUrl = z.string().refine((v) => URL.canParse(v) && /^postgres(ql)?:$/.test(new URL(v).protocol));

interface Variable {
  schema: z.ZodType;
  /** What a good value looks like, for the message about a bad one. */
  expects: string;
  /** Never repeat the value in a message (it may carry a password). */
  secret?: boolean;
}

const VARIABLES = {
  PORT: { schema: whole(1, 65535).default(3000), expects: "a port number from 1 to 65535" },
  DATABASE_URL: { schema: postgresUrl.optional(), expects: "a postgres:// or postgresql:// URL", secret: true },
  APP_DATABASE_URL: { schema: postgresUrl.optional(), expects: "a postgres:// or postgresql:// URL", secret: true },
  APP_DATABASE_PASSWORD: { schema: z.string().optional(), expects: "a password", secret: true },
  AUTH_SECRET: { schema: z.string().optional(), expects: "a random string", secret: true },
  /** Encrypts mailbox passwords and signs tracking links (lib/email/crypto.ts); `npm start` keeps one in .data/secrets.json. */
  EMAIL_ENCRYPTION_KEY: { schema: z.string().min(32).optional(), expects: "a random string of at least 32 characters", secret: true },
  /** How long an SMTP connection, greeting or reply may take before the send counts as failed (it is retried). */
  EMAIL_SMTP_TIMEOUT_MS: { schema: whole(100, 600_000).default(30_000), expects: "milliseconds, a whole number from 100 to 600000" },
  AUTH_URL: { schema: z.url({ protocol: /^https?$/ }).optional(), expects: "the app's public http(s) URL, e.g. https://crm.example.com" },
  EMBEDDED_PG_PORT: { schema: whole(1, 65535).default(54329), expects: "a port number from 1 to 65535" },
  STAGELINE_DATA_DIR: { schema: z.string().default(".data"), expects: "a directory" },
  STAGELINE_SHARED_DIR: { schema: z.string().default("/var/lib/stageline"), expects: "a directory" },
  DATABASE_SOCKET_DIR: { schema: z.string().default("/tmp"), expects: 'a directory, or "off"' },
  DB_POOL_SIZE: { schema: whole(1, 1000).default(10), expects: "a whole number from 1 to 1000" },
  WORKER_CONCURRENCY: { schema: whole(1, 1000).default(10), expects: "a whole number from 1 to 1000" },
  WEBHOOK_BACKOFF_MS: { schema: whole(0, 3_600_000).default(1000), expects: "milliseconds, a whole number from 0 to 3600000" },
  /** Fails safe: only "1" opens the SSRF guard, so a typo leaves it shut rather than stopping the app. */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: { schema: z.string().optional().transform((v) => v === "1"), expects: "1 to allow, anything else is off" },
  TRUSTED_PROXY_HOPS: { schema: whole(1, 10).default(1), expects: "the number of proxies in front of the app, a whole number from 1 to 10" },
  LOG_LEVEL: { schema: z.string().toLowerCase().pipe(z.enum(LOG_LEVELS)).default("info"), expects: `one of ${LOG_LEVELS.join(", ")}` },
  LIVE_STREAMS_PER_PRINCIPAL: { schema: whole(1, 100_000).default(10), expects: "a whole number from 1 to 100000" },
  LIVE_STREAMS_PER_INSTANCE: { schema: whole(1, 1_000_000).default(500), expects: "a whole number from 1 to 1000000" },
  /** Set by Next.js and Vitest, not by hand. */
  NODE_ENV: { schema: z.enum(["development", "production", "test"]).optional(), expects: "development, production or test" },
} satisfies Record<string, Variable>;

type Variables = typeof VARIABLES;
export type EnvName = keyof Variables;
export type Env = { readonly [K in EnvName]: z.output<Variables[K]["schema"]> };

/** A variable whose value is not what it should be: the message names it and what it expects. */
export class EnvError extends Error {
  constructor(
    readonly variables: EnvName[],
    message: string,
  ) {
    super(message);
    this.name = "EnvError";
  }
}

type Checked<K extends EnvName> = { ok: true; value: Env[K] } | { ok: false; problem: string };

/** Each variable's last raw value and what checking it gave: parsed again only when the value changes (the values are primitives). */
const lastChecked = new Map<EnvName, { raw: string | undefined; result: Checked<EnvName> }>();

function check<K extends EnvName>(name: K): Checked<K> {
  const raw = process.env[name];
  const last = lastChecked.get(name);
  if (last && last.raw === raw) return last.result as Checked<K>;
  const v: Variable = VARIABLES[name];
  const r = v.schema.safeParse(raw === "" ? undefined : raw);
  const result: Checked<K> = r.success
    ? { ok: true, value: r.data as Env[K] }
    : { ok: false, problem: `${name}${v.secret ? "" : `=${JSON.stringify(raw)}`} is not valid: expected ${v.expects}` };
  lastChecked.set(name, { raw, result });
  return result;
}

function read<K extends EnvName>(name: K): Env[K] {
  const r = check(name);
  if (!r.ok) throw new EnvError([name], `${r.problem} (see README → Configuration)`);
  return r.value;
}

/** The environment, read on each access (and checked when it changed). */
export const env: Env = Object.defineProperties(
  {} as Env,
  Object.fromEntries((Object.keys(VARIABLES) as EnvName[]).map((name) => [name, { get: () => read(name), enumerable: true }])),
);

/** Checks every variable at once: throws one EnvError listing each bad value. */
export function checkEnv(): void {
  const bad = (Object.keys(VARIABLES) as EnvName[]).flatMap((name) => {
    const r = check(name);
    return r.ok ? [] : [{ name, problem: r.problem }];
  });
  if (bad.length === 0) return;
  const lines = bad.map((b) => `  ${b.problem}`).join("\n");
  throw new EnvError(
    bad.map((b) => b.name),
    `${bad.length === 1 ? "An environment variable is" : `${bad.length} environment variables are`} not valid (see README → Configuration):\n${lines}`,
  );
}
