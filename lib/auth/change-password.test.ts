import { describe, expect, it } from "vitest";
import { makeMember, makeTenant, TEST_PASSWORD } from "@/db/testing/factories";
import { changePassword } from "./change-password";
import { verifyPassword } from "./password";
import { findUserByEmail, findUserById } from "./users";

const NEW = "N3w-password!";

describe("changePassword", () => {
  it("verifies the current password, stores the new hash and bumps session_version", async () => {
    const t = await makeTenant();
    const before = await findUserById(t.userId);
    const out = await changePassword(t.ctx, { currentPassword: TEST_PASSWORD, newPassword: NEW });
    expect(out.sessionVersion).toBe(before!.sessionVersion + 1);
    // getSession() compares the JWT's version with this one: older sessions now fail.
    expect((await findUserById(t.userId))!.sessionVersion).toBe(before!.sessionVersion + 1);
    const user = await findUserByEmail(t.email);
    expect(await verifyPassword(user!.passwordHash, NEW)).toBe(true);
    expect(await verifyPassword(user!.passwordHash, TEST_PASSWORD)).toBe(false);
  });

  it("refuses a wrong current password and changes nothing", async () => {
    const t = await makeTenant();
    const before = await findUserById(t.userId);
    await expect(changePassword(t.ctx, { currentPassword: "Not-the-pass1", newPassword: NEW })).rejects.toMatchObject({
      code: "validation",
      extensions: { errors: [{ path: "currentPassword", message: expect.any(String) }] },
    });
    expect((await findUserById(t.userId))!.sessionVersion).toBe(before!.sessionVersion);
    expect(await verifyPassword((await findUserByEmail(t.email))!.passwordHash, TEST_PASSWORD)).toBe(true);
  });

  it("validates the new password with passwordSchema", async () => {
    const t = await makeTenant();
    await expect(changePassword(t.ctx, { currentPassword: TEST_PASSWORD, newPassword: "short" })).rejects.toThrow(/at least 10/);
    await expect(changePassword(t.ctx, { currentPassword: TEST_PASSWORD, newPassword: "onlyletterslong" })).rejects.toThrow(/mix letters/);
    await expect(changePassword(t.ctx, { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD })).rejects.toThrow(/differ/);
  });

  it("changes only the caller's own password", async () => {
    const t = await makeTenant();
    const rep = await makeMember(t.tenantId, "sales_rep");
    const adminBefore = await findUserById(t.userId);
    await changePassword(rep.ctx, { currentPassword: TEST_PASSWORD, newPassword: NEW });
    expect((await findUserById(t.userId))!.sessionVersion).toBe(adminBefore!.sessionVersion);
    expect(await verifyPassword((await findUserByEmail(t.email))!.passwordHash, TEST_PASSWORD)).toBe(true);
  });

  it("an API key has no password to change", async () => {
    const t = await makeTenant();
    const ctx = { tenantId: t.tenantId, actor: { kind: "api_key" as const, userId: null, role: "admin" as const, source: "API" as const } };
    await expect(changePassword(ctx, { currentPassword: TEST_PASSWORD, newPassword: NEW })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("is throttled like sign-in: after 10 wrong current passwords the right one is refused too, with a retry time", async () => {
    const t = await makeTenant();
    for (let i = 0; i < 10; i++) {
      await expect(changePassword(t.ctx, { currentPassword: `Wrong-pass-${i}`, newPassword: NEW })).rejects.toMatchObject({ code: "validation" });
    }
    await expect(changePassword(t.ctx, { currentPassword: TEST_PASSWORD, newPassword: NEW })).rejects.toMatchObject({
      code: "rate-limited",
      extensions: { retryAfterSeconds: expect.any(Number) },
    });
    expect(await verifyPassword((await findUserByEmail(t.email))!.passwordHash, TEST_PASSWORD)).toBe(true);
  });

  it("a success clears the account's count", async () => {
    const t = await makeTenant();
    for (let i = 0; i < 9; i++) await changePassword(t.ctx, { currentPassword: `Wrong-pass-${i}`, newPassword: NEW }).catch(() => {});
    await changePassword(t.ctx, { currentPassword: TEST_PASSWORD, newPassword: NEW });
    for (let i = 0; i < 9; i++) await changePassword(t.ctx, { currentPassword: `Wrong-pass-${i}`, newPassword: "An0ther-pass!" }).catch(() => {});
    await expect(changePassword(t.ctx, { currentPassword: NEW, newPassword: "An0ther-pass!" })).resolves.toMatchObject({ email: t.email });
  });
});
