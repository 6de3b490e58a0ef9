import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { clearAttempts, keyText, passwordKeys, releaseAttempt, reserveAttempt, retryAfterMs, sweepThrottles, type ThrottleKey } from "./throttle";

const account = (): ThrottleKey => ({ kind: "account", value: `who-${randomUUID()}@example.test` });

describe("throttle (Postgres)", () => {
  // The owner ages rows: the window "passes" without the test waiting for it.
  let owner: postgres.Sql;
  beforeAll(() => {
    owner = postgres(inject("ownerUrl"), { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await owner.end();
  });
  const age = (key: ThrottleKey, interval: string) =>
    owner`update auth_throttles set window_started_at = window_started_at - ${interval}::interval,
      blocked_until = blocked_until - ${interval}::interval, updated_at = updated_at - ${interval}::interval where key = ${keyText(key)}`;

  it("counts 10 attempts per account, refuses the 11th with a retry time, and accepts again once the window has passed", async () => {
    const k = account();
    for (let i = 0; i < 10; i++) await reserveAttempt([k]);
    const refused = await reserveAttempt([k]).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "rate-limited", status: 429, extensions: { retryAfterSeconds: expect.any(Number) } });
    const seconds = (refused as { extensions: { retryAfterSeconds: number } }).extensions.retryAfterSeconds;
    expect(seconds).toBeGreaterThan(14 * 60);
    expect(seconds).toBeLessThanOrEqual(15 * 60);
    expect(await retryAfterMs([k])).toBeGreaterThan(0);

    await age(k, "15 minutes");
    await expect(reserveAttempt([k])).resolves.toBeUndefined();
    expect(await retryAfterMs([k])).toBe(0);
  });

  it("a burst of parallel attempts gets exactly the limit through", async () => {
    const k = account();
    const results = await Promise.allSettled(Array.from({ length: 25 }, () => reserveAttempt([k])));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
  });

  it("a refusal on one key counts against none: the address's attempt is not spent by a locked account", async () => {
    const address = `test-${randomUUID()}`;
    const locked = passwordKeys(`locked-${randomUUID()}@example.test`, address);
    for (let i = 0; i < 10; i++) await reserveAttempt([locked[0]!]);
    await expect(reserveAttempt(locked)).rejects.toMatchObject({ code: "rate-limited" });
    const [row] = await owner`select attempts from auth_throttles where key = ${keyText(locked[1]!)}`;
    expect(row!.attempts).toBe(0);
  });

  it("clearAttempts forgets a key; releaseAttempt gives one attempt back", async () => {
    const k = account();
    for (let i = 0; i < 10; i++) await reserveAttempt([k]);
    await releaseAttempt([k]);
    await reserveAttempt([k]); // the 10th again
    await expect(reserveAttempt([k])).rejects.toMatchObject({ code: "rate-limited" });
    await clearAttempts([k]);
    await expect(reserveAttempt([k])).resolves.toBeUndefined();
  });

  it("the sweep deletes keys quiet for two days and keeps the others", async () => {
    const old = account();
    const recent = account();
    await reserveAttempt([old]);
    await reserveAttempt([recent]);
    await age(old, "3 days");
    expect(await sweepThrottles()).toBeGreaterThanOrEqual(1);
    const keys = (await owner`select key from auth_throttles where key in ${owner([keyText(old), keyText(recent)])}`).map((r) => r.key);
    expect(keys).toEqual([keyText(recent)]);
  });
});
