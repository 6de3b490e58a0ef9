// Mailbox passwords at rest and tracking ids: what another key, or an altered value, gets.
import { afterEach, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, signToken, verifyToken } from "./crypto";

const KEY = process.env.EMAIL_ENCRYPTION_KEY!;
afterEach(() => {
  process.env.EMAIL_ENCRYPTION_KEY = KEY;
});

describe("email crypto", () => {
  it("round-trips a password with a fresh IV each time, and never holds it in clear", () => {
    const a = encryptSecret("app pässword 1");
    const b = encryptSecret("app pässword 1");
    expect(a).not.toBe(b);
    expect(a).not.toContain("pässword");
    expect(decryptSecret(a)).toBe("app pässword 1");
  });

  it("refuses a value encrypted under another key, or altered", () => {
    const stored = encryptSecret("secret-1");
    const [v, iv, tag, ct] = stored.split(".");
    const flipped = Buffer.from(ct!, "base64url");
    flipped[0]! ^= 1;
    expect(() => decryptSecret([v, iv, tag, flipped.toString("base64url")].join("."))).toThrow();
    expect(() => decryptSecret("plain text")).toThrow("not an encrypted mailbox secret");
    process.env.EMAIL_ENCRYPTION_KEY = "another-key-another-key-another-key-42";
    expect(() => decryptSecret(stored)).toThrow();
  });

  it("says what is missing when no key is set", () => {
    delete process.env.EMAIL_ENCRYPTION_KEY;
    expect(() => encryptSecret("x")).toThrow(/EMAIL_ENCRYPTION_KEY is not set/);
  });

  it("verifies only the exact token it signed, with its own key", () => {
    const payload = Buffer.from("0123456789abcdef0123456789abcdef-", "utf8");
    const token = signToken(payload);
    expect(verifyToken(token, payload.length)?.equals(payload)).toBe(true);
    expect(verifyToken(token, payload.length - 1)).toBeNull();
    expect(verifyToken(`${token}A`, payload.length)).toBeNull();
    expect(verifyToken(token.replace(/.$/, (c) => (c === "A" ? "B" : "A")), payload.length)).toBeNull();
    expect(verifyToken("../../etc", payload.length)).toBeNull();
    process.env.EMAIL_ENCRYPTION_KEY = "another-key-another-key-another-key-42";
    expect(verifyToken(token, payload.length)).toBeNull();
  });
});
