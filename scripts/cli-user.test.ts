// `npm run cli -- user create` and `api-key create --user` (API.md "Visibility, teams and
// audit"), through the CLI's command function in-process (cli.test.ts runs the process).
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makeTenant, makeMember } from "@/db/testing/factories";
import { auditLog, invitations, tenantUsers, users } from "@/db/schema";
import { authenticateApiKey } from "@/lib/api/keys";
import { verifyPassword } from "@/lib/auth/password";
import { systemActor } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { parseCommand, runCommand, UsageError } from "./cli";

const PASSWORD = "Str0ng-pass!";

async function cli(argv: string[]) {
  const cmd = parseCommand(argv);
  if (cmd === "help") throw new Error("help");
  return runCommand(cmd);
}

describe("cli user create", () => {
  it("adds an active member with the role and password, audited, and a key made for them by email or id acts as them", async () => {
    const t = await makeTenant();
    const email = `rep-${crypto.randomUUID()}@acme.test`;
    const out = await cli(["user", "create", "--tenant", t.tenantId, "--email", email, "--name", "Rita Rep", "--role", "sales_rep", "--password", PASSWORD]);
    expect(Object.keys(out)).toEqual(["userId"]);
    expect(isUuid(out.userId!)).toBe(true);

    const sys = { tenantId: t.tenantId, actor: systemActor() };
    const [member] = await withTenant(sys, (tx) =>
      tx
        .select({ role: tenantUsers.role, isActive: tenantUsers.isActive, name: users.name, email: users.email, hash: users.passwordHash })
        .from(tenantUsers)
        .innerJoin(users, eq(users.id, tenantUsers.userId))
        .where(and(eq(tenantUsers.tenantId, t.tenantId), eq(tenantUsers.userId, out.userId!))),
    );
    expect(member).toMatchObject({ role: "sales_rep", isActive: true, name: "Rita Rep", email });
    expect(await verifyPassword(member!.hash!, PASSWORD)).toBe(true);
    const audited = await withTenant(sys, (tx) => tx.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.tenantId, t.tenantId), eq(auditLog.action, "member.added"))));
    expect(audited).toHaveLength(1);

    for (const user of [email.toUpperCase(), out.userId!]) {
      const { apiKey } = await cli(["api-key", "create", "--tenant", t.tenantId, "--user", user]);
      expect(await authenticateApiKey(apiKey!)).toMatchObject({ tenantId: t.tenantId, actor: { kind: "api_key", userId: out.userId, role: "sales_rep" } });
    }
  });

  it("refuses an email that already has an account, and leaves no invitation behind", async () => {
    const t = await makeTenant();
    const other = await makeTenant("Other Co");
    const taken = await makeMember(other.tenantId, "manager");
    await expect(cli(["user", "create", "--tenant", t.tenantId, "--email", taken.email, "--name", "X", "--role", "manager", "--password", PASSWORD])).rejects.toThrow(/already has a Stageline account/);
    const left = await withTenant({ tenantId: t.tenantId, actor: systemActor() }, (tx) => tx.select().from(invitations).where(eq(invitations.tenantId, t.tenantId)));
    expect(left).toEqual([]);
  });

  it("says which flag is missing or wrong, never echoing the password", () => {
    expect(() => parseCommand(["user", "create", "--tenant", crypto.randomUUID(), "--email", "a@b.test", "--name", "A", "--role", "sales_rep"])).toThrow(/--password is required/);
    expect(() => parseCommand(["user", "create", "--tenant", crypto.randomUUID(), "--email", "a@b.test", "--name", "A", "--role", "boss", "--password", "secret-pw-1"])).toThrow(UsageError);
    let message = "";
    try {
      parseCommand(["user", "create", "--tenant", "x", "--email", "a@b.test", "--name", "A", "--role", "admin", "--password", "short"]);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/--tenant must be a tenant id[\s\S]*--password must be at least 8/);
    expect(message).not.toContain("short");
  });
});
