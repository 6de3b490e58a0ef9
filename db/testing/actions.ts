// Calling server actions in tests as a browser would: through the real action client
// (lib/safe-action.ts), signed in as a member of some role. Only the session cookie is
// faked — the test file mocks `auth()` to answer `signedIn.claims` — so the session check,
// the membership and the role are read from the database as on a request:
//
//   const signedIn = vi.hoisted(() => ({ claims: null as SessionClaims | null }));
//   vi.mock("@/lib/auth/auth", () => ({ auth: async () => signedIn.claims }));
//   vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { actionFailure, type ActionResult } from "@/lib/action-result";
import type { Role } from "@/lib/auth/permissions";
import type { SessionClaims } from "@/lib/auth/session";
import { makeMember, makeTenant } from "./factories";

/** What the session cookie of this user in this tenant says. */
export async function claimsOf(userId: string, tenantId: string): Promise<SessionClaims> {
  const [u] = await db().select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, userId));
  return { userId, tenantId, sessionVersion: u!.sessionVersion };
}

/** A tenant with its admin and a readonly member, and the claims each would sign in with. */
export async function tenantWithRoles(extra: Role[] = []) {
  const t = await makeTenant();
  const readonly = await makeMember(t.tenantId, "readonly", "Reader");
  const others = await Promise.all(extra.map((role) => makeMember(t.tenantId, role, role)));
  return {
    ...t,
    readonly,
    others,
    claims: {
      admin: await claimsOf(t.userId, t.tenantId),
      readonly: await claimsOf(readonly.userId, t.tenantId),
    },
  };
}

export type Fixture = Awaited<ReturnType<typeof tenantWithRoles>>;

export interface ActionCase<F extends Fixture> {
  /** The action's name, for the test title. */
  action: string;
  /** A valid call that would change something: a readonly member gets "forbidden", before the input is even parsed. */
  refused?: (f: F) => Promise<ActionResult>;
  /** An admin's call with bad input: validation errors at these paths (lib/action-result.ts paths). */
  invalid?: { call: (f: F) => Promise<ActionResult>; paths: string[] };
}

/**
 * The permission check and the validation of a domain's actions, table-driven: for each
 * case, the refusal or the field errors the browser gets, and the domain's state (what
 * `state` reads) exactly as it was.
 */
export function describeActionChecks<F extends Fixture>(opts: {
  signedIn: { claims: SessionClaims | null };
  setup: () => Promise<F>;
  state: (f: F) => Promise<unknown>;
  cases: ActionCase<F>[];
}) {
  const refused = opts.cases.filter((c) => c.refused);
  const invalid = opts.cases.filter((c) => c.invalid);
  if (refused.length) {
    it.each(refused)("$action: a readonly member is refused by the permission check, and nothing changes", async (c) => {
      const f = await opts.setup();
      const before = await opts.state(f);
      opts.signedIn.claims = f.claims.readonly;
      const r = await c.refused!(f);
      expect(r?.serverError).toMatchObject({ code: "forbidden", message: expect.stringContaining("readonly") });
      expect(r?.data).toBeUndefined();
      expect(await opts.state(f)).toEqual(before);
    });
  }
  if (invalid.length) {
    it.each(invalid)("$action: bad input comes back as field errors, and nothing changes", async (c) => {
      const f = await opts.setup();
      const before = await opts.state(f);
      opts.signedIn.claims = f.claims.admin;
      const r = await c.invalid!.call(f);
      expect(r?.serverError).toBeUndefined();
      const failure = actionFailure(r);
      expect(failure?.code).toBe("validation");
      expect(failure?.issues.map((i) => i.path)).toEqual(expect.arrayContaining(c.invalid!.paths));
      expect(await opts.state(f)).toEqual(before);
    });
  }
}
