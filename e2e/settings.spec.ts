import AxeBuilder from "@axe-core/playwright";
import { test as anonymous } from "@playwright/test";
import { addUser, createInvitationLink, E2E_PASSWORD, signIn, SIGNED_OUT, signUpTenant, uniqueEmail } from "./fixtures";
import { expect, test } from "./workspace";

test("an admin creates an API key and sees it once; the list shows its role, its prefix and that it is active", async ({ page }) => {
  await page.goto("/contacts");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: /^API keys/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();

  await page.getByRole("button", { name: "New API key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Key name").fill("CI pipeline");
  await dialog.getByLabel("Role").selectOption("sales_rep");
  await dialog.getByRole("button", { name: "Create key" }).click();

  const keyField = dialog.getByRole("textbox", { name: "API key", exact: true });
  await expect(keyField).toHaveValue(/^slk_/);
  const key = await keyField.inputValue();
  await expect(dialog.getByRole("status")).toContainText("shown only once");
  await expect(dialog.getByRole("button", { name: "Copy API key" })).toBeVisible();

  // The key authenticates against the REST API with its role.
  const ok = await page.request.get("/api/v1/users", { headers: { authorization: `Bearer ${key}` } });
  expect(ok.status()).toBe(200);

  await dialog.getByRole("button", { name: "I have copied it" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  const row = page.getByRole("row", { name: /CI pipeline/ });
  await expect(row).toContainText("Sales rep");
  await expect(row).toContainText(`${key.slice(0, 10)}…`);
  await expect(row).toContainText("Active");
  // Shown once: after a reload the key itself is nowhere on the page.
  await page.reload();
  await expect(page.getByRole("row", { name: /CI pipeline/ })).toBeVisible();
  expect(await page.content()).not.toContain(key);
});

test("revoking an API key stops it at once: the REST API answers 401 as a problem", async ({ page, seed }) => {
  const { key } = await seed.apiKey({ name: "CI pipeline", role: "sales_rep" });
  expect((await page.request.get("/api/v1/users", { headers: { authorization: `Bearer ${key}` } })).status()).toBe(200);
  await page.goto("/settings/api-keys");
  await page.getByRole("button", { name: "Revoke API key CI pipeline" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("row", { name: /CI pipeline/ })).toContainText("Revoked");
  await expect(page.getByRole("button", { name: "Revoke API key CI pipeline" })).toHaveCount(0);

  const refused = await page.request.get("/api/v1/users", { headers: { authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toContain("application/problem+json");
});

test("a sales rep sees the users read-only, and no API keys", async ({ page, workspace, openAs }) => {
  const { page: repPage, member: rep } = await openAs("sales_rep");
  await page.goto("/settings/users");
  const repRow = page.getByRole("row", { name: new RegExp(rep.name) });
  await expect(repRow).toContainText(rep.email);
  await expect(repRow).toContainText("Sales rep");

  await repPage.goto("/settings/users");
  await expect(repPage.getByRole("row", { name: new RegExp(workspace.member("admin").name) })).toBeVisible();
  await expect(repPage.getByRole("row", { name: new RegExp(rep.name) })).toContainText("(you)");
  await expect(repPage.getByRole("button", { name: "Add user" })).toHaveCount(0);
  await expect(repPage.getByRole("button", { name: /^Change role of/ })).toHaveCount(0);
  await expect(repPage.getByRole("button", { name: /^Deactivate/ })).toHaveCount(0);
  await repPage.goto("/settings/api-keys");
  await expect(repPage.getByText("Only admins can see and manage API keys")).toBeVisible();
});

test("deactivating a member ends their session at their next request, and their password no longer signs them in", async ({ page, browser }) => {
  test.slow(); // two browsers and several argon2 sign-ins
  // A person of this workspace only (a team member would still sign in to the team's own).
  const repEmail = uniqueEmail("rep");
  const repPassword = "R3p-initial-pass";
  const { context: repContext, page: repPage } = await addUser(page, browser, { name: "Rita Rep", email: repEmail, role: "sales_rep", password: repPassword });
  await page.goto("/settings/users");
  const repRow = page.getByRole("row", { name: /Rita Rep/ });
  await expect(repRow).toContainText(repEmail);

  await page.getByRole("button", { name: "Deactivate Rita Rep" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(repRow).toContainText("Deactivated");
  await expect(page.getByRole("button", { name: "Reactivate Rita Rep" })).toBeVisible();

  // The rep's very next navigation lands on the login page, and signing in is refused.
  await repPage.goto("/contacts");
  await expect(repPage).toHaveURL(/\/login/);
  await repPage.getByLabel("Email").fill(repEmail);
  await repPage.getByLabel("Password").fill(repPassword);
  await repPage.getByRole("button", { name: "Sign in" }).click();
  await expect(repPage.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
  await repContext.close();
});

test("the last admin cannot demote themselves: a clear error, nothing changes", async ({ page, workspace }) => {
  const admin = workspace.member("admin");
  await page.goto("/settings/users");
  await page.getByRole("button", { name: `Change role of ${admin.name}` }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Role").selectOption("manager");
  await dialog.getByRole("button", { name: "Save role" }).click();
  await expect(dialog.getByRole("alert")).toContainText("last active admin");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("row", { name: new RegExp(admin.name) })).toContainText("Admin");
});

// A password change ends the user's other sessions: an account of its own, not the team's.
anonymous("changing the password keeps this session and signs out the user's other session at its next request", async ({ page, browser }) => {
  test.slow(); // two browsers and several argon2 sign-ins
  const admin = await signUpTenant(page);
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, admin.email, admin.password);

  await page.goto("/settings/profile");
  await page.getByLabel("Current password").fill("not-my-password-1");
  await page.getByLabel("New password").fill("N3w-password-42");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("is not your current password")).toBeVisible();

  await page.getByLabel("Current password").fill(admin.password);
  await page.getByLabel("New password").fill("N3w-password-42");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Password changed" })).toBeVisible();

  // This browser stays signed in (re-signed with the new password)...
  await page.goto("/contacts");
  await expect(page).toHaveURL(/\/contacts$/);
  await expect(page.getByTestId("tenant-name")).toHaveText(admin.companyName);
  // ...the other one is out at its next request, and only the new password works.
  await other.reload();
  await expect(other).toHaveURL(/\/login/);
  await other.getByLabel("Email").fill(admin.email);
  await other.getByLabel("Password").fill(admin.password);
  await other.getByRole("button", { name: "Sign in" }).click();
  await expect(other.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
  await other.getByLabel("Password").fill("N3w-password-42");
  await other.getByRole("button", { name: "Sign in" }).click();
  await expect(other).toHaveURL(/\/contacts$/);
  await otherContext.close();
});

test("an invitation link, shown once, lets a new person join with the invited role", async ({ page, browser, workspace }) => {
  await page.goto("/settings/users");
  const inviteeEmail = uniqueEmail("invitee");
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Stageline sends no email");
  await dialog.getByLabel("Email").fill(inviteeEmail);
  await dialog.getByLabel("Role").selectOption("manager");
  await dialog.getByRole("button", { name: "Create invitation link" }).click();
  const linkField = dialog.getByRole("textbox", { name: "Invitation link", exact: true });
  await expect(linkField).toHaveValue(/\/invite\//);
  await expect(dialog.getByRole("status")).toContainText(`${inviteeEmail} is invited as manager`);
  const link = await linkField.inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("region", { name: "Pending invitations" })).toContainText(inviteeEmail);

  const ctx = await browser.newContext({ storageState: SIGNED_OUT });
  const invitee = await ctx.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: `Join ${workspace.name}` })).toBeVisible();
  await expect(invitee.getByText("as manager")).toBeVisible();
  // Both ways in are offered to everyone: the page does not say whether the email has an account.
  await expect(invitee.getByRole("link", { name: "Sign in to accept" })).toBeVisible();
  await invitee.getByLabel("Your name").fill("Ivan Invitee");
  await invitee.getByLabel("Choose a password").fill(E2E_PASSWORD);
  await invitee.getByRole("button", { name: "Accept invitation" }).click();
  await expect(invitee).toHaveURL(/\/contacts$/);
  await expect(invitee.getByTestId("tenant-name")).toHaveText(workspace.name);

  // Used once: the same link now says so.
  await invitee.goto(link);
  await expect(invitee.getByRole("alert").filter({ hasText: "already been used" })).toBeVisible();
  await ctx.close();

  await page.reload();
  await expect(page.getByRole("row", { name: /Ivan Invitee/ })).toContainText("Manager");
});

test("someone with an account in another workspace is invited the same way and joins by signing in to it", async ({ page, browser, workspace }) => {
  // The team's read-only member has an account (in the team's home workspace), not yet in this one.
  const person = workspace.member("readonly");
  const other = await browser.newContext({ storageState: SIGNED_OUT });
  const elsewhere = await other.newPage();
  const link = await createInvitationLink(page, person.email, "readonly");
  await expect(page.getByRole("region", { name: "Pending invitations" })).toContainText(person.email);
  await expect(page.getByRole("row", { name: new RegExp(person.name) })).toHaveCount(0);

  // Creating a second account for the address is refused; signing in to the existing one works.
  await elsewhere.goto(link);
  await elsewhere.getByLabel("Your name").fill("Not Remy");
  await elsewhere.getByLabel("Choose a password").fill("An0ther-pass!");
  await elsewhere.getByRole("button", { name: "Accept invitation" }).click();
  await expect(elsewhere.getByRole("alert").filter({ hasText: "sign in to it to accept" })).toBeVisible();
  await elsewhere.getByRole("link", { name: "Sign in to accept" }).click();
  await elsewhere.getByLabel("Email").fill(person.email);
  await elsewhere.getByLabel("Password").fill(person.password);
  await elsewhere.getByRole("button", { name: "Sign in" }).click();
  await expect(elsewhere).toHaveURL(/\/invite\//);
  await expect(elsewhere.getByText(`You are signed in as ${person.email}`)).toBeVisible();
  await elsewhere.getByRole("button", { name: "Accept invitation" }).click();
  await expect(elsewhere).toHaveURL(/\/contacts$/);
  await expect(elsewhere.getByTestId("tenant-name")).toHaveText(workspace.name);
  await other.close();

  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(person.name) })).toContainText("Read-only");
});

test.describe("an admin manages a group", () => {
  test.beforeEach(async ({ workspace }) => {
    await workspace.join("sales_rep");
  });

  test("created with a member", async ({ page, workspace }) => {
    const rep = workspace.member("sales_rep");
    await page.goto("/settings/groups");
    await page.getByRole("button", { name: "New group" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Group name").fill("Inside sales");
    await dialog.getByRole("checkbox", { name: new RegExp(rep.name) }).check();
    await dialog.getByRole("button", { name: "Create group" }).click();
    await expect(page.getByRole("dialog")).toBeHidden();
    await expect(page.getByRole("list", { name: "Members of Inside sales" })).toContainText(rep.name);
  });

  test("renamed, members added and removed, then deleted", async ({ page, workspace, seed }) => {
    const rep = workspace.member("sales_rep");
    const admin = workspace.member("admin");
    await seed.group({ name: "Inside sales", memberUserIds: [rep.userId] });
    await page.goto("/settings/groups");

    await page.getByRole("button", { name: "Rename group Inside sales" }).click();
    await page.getByRole("dialog").getByLabel("Group name").fill("Field sales");
    await page.getByRole("dialog").getByRole("button", { name: "Save name" }).click();
    const renamed = page.getByRole("list", { name: "Members of Field sales" });
    await expect(renamed).toContainText(rep.name);

    await page.getByLabel("Add a member to Field sales").selectOption({ label: `${admin.name} (${admin.email})` });
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await expect(renamed).toContainText(admin.name);
    await page.getByRole("button", { name: `Remove ${rep.name} from Field sales` }).click();
    await expect(renamed).not.toContainText(rep.name);

    await page.getByRole("button", { name: "Delete group Field sales" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete group" }).click();
    await expect(page.getByText("No groups yet.")).toBeVisible();
  });
});

test("settings pages have no detectable accessibility violations", async ({ page }) => {
  test.slow();
  for (const path of ["/settings", "/settings/users", "/settings/groups", "/settings/access", "/settings/api-keys", "/settings/profile"]) {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).include("#main").analyze();
    expect(results.violations.map((v) => `${path}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }
  await page.goto("/settings/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  expect(dialog.violations.map((v) => v.id)).toEqual([]);
});
