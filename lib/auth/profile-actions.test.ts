// Settings → Profile actions through the real action client: any member may change their
// own name and password (no permission beyond a session); bad input comes back by field.
import { describe, expect, it, vi } from "vitest";
import { tenantWithRoles } from "@/db/testing/actions";
import { TEST_PASSWORD } from "@/db/testing/factories";
import { actionFailure } from "@/lib/action-result";
import { listMembers } from "@/lib/tenancy/members";
import type { SessionClaims } from "./session";
import { changePasswordAction, updateNameAction } from "./actions";

const signedIn = vi.hoisted(() => ({ claims: null as SessionClaims | null }));
vi.mock("./auth", () => ({ auth: async () => signedIn.claims, signIn: async () => undefined, signOut: async () => undefined }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

const nameOf = async (f: Awaited<ReturnType<typeof tenantWithRoles>>, userId: string) => (await listMembers(f.ctx)).find((m) => m.userId === userId)?.name;

describe("profile actions", () => {
  it("a readonly member renames themselves; a blank name is refused by field and changes nothing", async () => {
    const f = await tenantWithRoles();
    signedIn.claims = f.claims.readonly;
    expect(actionFailure(await updateNameAction({ name: "  " }))?.issues.map((i) => i.path)).toContain("name");
    expect(await nameOf(f, f.readonly.userId)).toBe("Reader");
    expect((await updateNameAction({ name: "Rita Reader" }))?.serverError).toBeUndefined();
    expect(await nameOf(f, f.readonly.userId)).toBe("Rita Reader");
  });

  it("a wrong current password lands on its field; a weak new one on its own", async () => {
    const f = await tenantWithRoles();
    signedIn.claims = f.claims.readonly;
    const weak = await changePasswordAction({ currentPassword: TEST_PASSWORD, newPassword: "short" });
    expect(new Set(actionFailure(weak)?.issues.map((i) => i.path))).toEqual(new Set(["newPassword"]));
    const wrong = await changePasswordAction({ currentPassword: "not-it-123", newPassword: "Another-pass-42" });
    expect(wrong?.serverError).toMatchObject({ code: "validation", errors: [{ path: "currentPassword", message: "is not your current password" }] });
    expect((await changePasswordAction({ currentPassword: TEST_PASSWORD, newPassword: "Another-pass-42" }))?.data).toEqual({ signedIn: true });
  });
});
