import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "../../lib/env";

export const DATA_DIR = path.resolve(env.STAGELINE_DATA_DIR);

export interface Secrets {
  authSecret: string;
  appDbPassword: string;
  /** EMAIL_ENCRYPTION_KEY when unset (added to an older secrets.json on first read). */
  emailKey: string;
}

/** Secrets for the local install, generated once and kept in .data/secrets.json (0600). */
export function loadSecrets(): Secrets {
  const file = path.join(DATA_DIR, "secrets.json");
  if (existsSync(file)) {
    const kept = JSON.parse(readFileSync(file, "utf8")) as Partial<Secrets>;
    if (kept.emailKey) return kept as Secrets;
    const upgraded = { ...kept, emailKey: randomBytes(32).toString("base64url") } as Secrets;
    writeFileSync(file, JSON.stringify(upgraded, null, 2), { mode: 0o600 });
    return upgraded;
  }
  mkdirSync(DATA_DIR, { recursive: true, mode: 0o755 });
  const secrets: Secrets = {
    authSecret: randomBytes(32).toString("base64url"),
    appDbPassword: randomBytes(24).toString("base64url"),
    emailKey: randomBytes(32).toString("base64url"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
