// Mailbox passwords at rest (AES-256-GCM) and tracking ids (HMAC-SHA256), both from
// EMAIL_ENCRYPTION_KEY through HKDF with a different label each, so one key never does
// two jobs. `npm start` keeps a generated key in .data/secrets.json (scripts/lib/secrets.ts).
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

const derived = new Map<string, Buffer>();

function keyFor(purpose: "mailbox-passwords" | "tracking-ids"): Buffer {
  const secret = env.EMAIL_ENCRYPTION_KEY;
  if (!secret) throw new Error("EMAIL_ENCRYPTION_KEY is not set (README → Configuration): mailbox passwords cannot be stored or read");
  const cacheKey = `${purpose}:${secret}`;
  let key = derived.get(cacheKey);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "stageline-email", purpose, 32));
    derived.set(cacheKey, key);
  }
  return key;
}

const VERSION = "v1";

/** `v1.<iv>.<tag>.<ciphertext>` (base64url): a fresh 96-bit IV per value. */
export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor("mailbox-passwords"), iv);
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ct].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** Throws when the value was encrypted with another key or altered. */
export function decryptSecret(stored: string): string {
  const [version, iv, tag, ct] = stored.split(".");
  if (version !== VERSION || !iv || !tag || ct === undefined) throw new Error("not an encrypted mailbox secret");
  const decipher = createDecipheriv("aes-256-gcm", keyFor("mailbox-passwords"), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}

const MAC_BYTES = 16;

/** `payload` followed by its truncated HMAC, base64url: what a tracking URL carries. */
export function signToken(payload: Buffer): string {
  const mac = createHmac("sha256", keyFor("tracking-ids")).update(payload).digest().subarray(0, MAC_BYTES);
  return Buffer.concat([payload, mac]).toString("base64url");
}

/**
 * The payload of a token this key signed; null for anything else (altered, truncated,
 * foreign). `payloadBytes`: its exact length, or the range a variable one may have.
 */
export function verifyToken(token: string, payloadBytes: number | { min: number; max: number }): Buffer | null {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const raw = Buffer.from(token, "base64url");
  const { min, max } = typeof payloadBytes === "number" ? { min: payloadBytes, max: payloadBytes } : payloadBytes;
  // base64url decoding ignores stray trailing characters: only the exact encoding counts
  if (raw.length < min + MAC_BYTES || raw.length > max + MAC_BYTES || raw.toString("base64url") !== token) return null;
  const size = raw.length - MAC_BYTES;
  const payload = raw.subarray(0, size);
  const expected = createHmac("sha256", keyFor("tracking-ids")).update(payload).digest().subarray(0, MAC_BYTES);
  return timingSafeEqual(expected, raw.subarray(size)) ? payload : null;
}
