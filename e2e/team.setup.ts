// The "setup" project (playwright.config.ts): the team is made through the services and
// each member signs in once, through the real login page; every other spec starts from
// the saved state (e2e/workspace.ts).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test as setup } from "@playwright/test";
import { E2E_PASSWORD, signIn, uniqueEmail } from "./fixtures";
import { services } from "./services";
import { TEAM_DIR, TEAM_FILE, TEAM_NAMES, TEAM_ROLES, type TeamMember, type TeamRole } from "./team";

setup("each role signs in once", async ({ browser, baseURL }) => {
  const { createTenant, createInvitation, acceptInvitationAsNewUser } = await services();
  const email = (role: TeamRole) => uniqueEmail(`team-${role.replace("_", "-")}`);
  const adminEmail = email("admin");
  const home = await createTenant({ name: "E2E team home", adminEmail, adminPassword: E2E_PASSWORD, adminName: TEAM_NAMES.admin });
  const ids: Record<string, { userId: string; email: string }> = { admin: { userId: home.userId, email: adminEmail } };
  const ctx = { tenantId: home.tenantId, actor: { kind: "user" as const, userId: home.userId, role: "admin" as const, source: "USER" as const } };
  for (const role of TEAM_ROLES.filter((r) => r !== "admin")) {
    const { token } = await createInvitation(ctx, { email: email(role), role });
    ids[role] = await acceptInvitationAsNewUser(token, { name: TEAM_NAMES[role], password: E2E_PASSWORD });
  }

  mkdirSync(TEAM_DIR, { recursive: true });
  const team = {} as Record<TeamRole, TeamMember>;
  for (const role of TEAM_ROLES) {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await signIn(page, ids[role]!.email, E2E_PASSWORD);
    await expect(page.getByRole("button", { name: `User menu for ${TEAM_NAMES[role]}` })).toBeVisible();
    const storageState = path.join(TEAM_DIR, `${role}.json`);
    await context.storageState({ path: storageState });
    await context.close();
    team[role] = { role, userId: ids[role]!.userId, name: TEAM_NAMES[role], email: ids[role]!.email, password: E2E_PASSWORD, storageState };
  }
  writeFileSync(TEAM_FILE, JSON.stringify(team, null, 2));
});
