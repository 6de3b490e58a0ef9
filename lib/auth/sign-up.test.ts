import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeTenant, TEST_PASSWORD } from "@/db/testing/factories";
import { verifyPassword } from "./password";
import { signUp } from "./sign-up";
import { findUserByEmail, membershipsOf } from "./users";

const PASSWORD = "S1gn-up-pass!";
const input = (email: string, companyName = "Newco") => ({ companyName, name: "Nora New", email, password: PASSWORD });

describe("signUp", () => {
  it("a new email gets an account and a workspace with it as admin", async () => {
    const email = `new-${randomUUID()}@example.test`;
    await expect(signUp(input(email.toUpperCase()), { address: null })).resolves.toBeUndefined();
    const user = await findUserByEmail(email);
    expect(await verifyPassword(user!.passwordHash, PASSWORD)).toBe(true);
    expect(await membershipsOf(user!.id)).toEqual([expect.objectContaining({ tenantName: "Newco", role: "admin", isActive: true })]);
  });

  it("a registered email gets the same answer, and its account is left exactly as it was", async () => {
    const home = await makeTenant("Home");
    await expect(signUp(input(home.email, "Hijack Inc"), { address: null })).resolves.toBeUndefined();
    const user = await findUserByEmail(home.email);
    expect(user!.id).toBe(home.userId);
    expect(await verifyPassword(user!.passwordHash, TEST_PASSWORD)).toBe(true);
    expect(user!.name).not.toBe("Nora New");
    expect((await membershipsOf(home.userId)).map((m) => m.tenantName)).toEqual(["Home"]);
  });

  it("counts sign-ups per address: the 11th in an hour is refused and creates nothing", async () => {
    const from = `test-${randomUUID()}`;
    for (let i = 0; i < 10; i++) await signUp(input(`burst-${randomUUID()}@example.test`), { address: from });
    const email = `burst-${randomUUID()}@example.test`;
    await expect(signUp(input(email), { address: from })).rejects.toMatchObject({ code: "rate-limited", extensions: { retryAfterSeconds: expect.any(Number) } });
    expect(await findUserByEmail(email)).toBeUndefined();
  });
});
