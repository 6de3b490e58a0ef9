// Shared Playwright helpers. Most specs use e2e/workspace.ts: a workspace of their own per
// test, its team signed in once per role (e2e/team.ts), data seeded through the services.
// These helpers remain for what needs a person of its own: a fresh tenant with a new admin
// made through the tenancy service and signed in through the login page (signUpTenant;
// e2e/auth.spec.ts drives the sign-up page itself), invitations, an API key made in the UI.
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { services } from "./services";

export const E2E_PASSWORD = "Str0ng-pass!";

export interface Account {
  email: string;
  password: string;
  name: string;
  companyName: string;
}

/** A browser state with nobody signed in: a new context in a test of e2e/workspace.ts starts signed in as its admin otherwise. */
export const SIGNED_OUT = { cookies: [], origins: [] };

/** A unique address per call (parallel workers, repeated runs). */
export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

/**
 * A new workspace whose admin is a new user, made through the tenancy service (as sign-up
 * makes it; e2e/auth.spec.ts covers the sign-up page itself), then signed in through the
 * login page: the page is left on /contacts.
 */
export async function signUpTenant(page: Page, opts: Partial<Account> = {}): Promise<Account> {
  const account: Account = {
    email: opts.email ?? uniqueEmail("admin"),
    password: opts.password ?? E2E_PASSWORD,
    name: opts.name ?? "Ada Admin",
    companyName: opts.companyName ?? `E2E Co ${Math.random().toString(36).slice(2, 7)}`,
  };
  const { createTenant } = await services();
  await createTenant({ name: account.companyName, adminEmail: account.email, adminPassword: account.password, adminName: account.name });
  await signIn(page, account.email, account.password);
  await expect(page.getByTestId("tenant-name")).toHaveText(account.companyName);
  return account;
}

async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/contacts$/);
}

export interface NewMember {
  name: string;
  email: string;
  role: "admin" | "manager" | "sales_rep" | "readonly";
  password: string;
}

/** Settings → Users → Add user, as the admin on `page`: the invitation link, shown once. */
export async function createInvitationLink(page: Page, email: string, role: NewMember["role"]): Promise<string> {
  await page.goto("/settings/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption(role);
  await dialog.getByRole("button", { name: "Create invitation link" }).click();
  const linkField = dialog.getByRole("textbox", { name: "Invitation link", exact: true });
  await expect(linkField).toHaveValue(/\/invite\//);
  const link = await linkField.inputValue();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  return link;
}

/**
 * Adds a person new to Stageline the only way there is: the admin on `page` creates an
 * invitation; the person opens it in their own browser, creates their account and lands
 * in the workspace. Returns their browser (close its context when done).
 */
export async function addUser(page: Page, browser: Browser, person: NewMember): Promise<{ context: BrowserContext; page: Page }> {
  const link = await createInvitationLink(page, person.email, person.role);
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const invitee = await context.newPage();
  await invitee.goto(link);
  await invitee.getByLabel("Your name").fill(person.name);
  await invitee.getByLabel("Choose a password").fill(person.password);
  await invitee.getByRole("button", { name: "Accept invitation" }).click();
  await expect(invitee).toHaveURL(/\/contacts$/);
  return { context, page: invitee };
}

/** Signs in through the login page and waits for the shell. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await submitSignIn(page, email, password);
}

/** An admin API key made through Settings → API keys (shown once), to seed records over REST. */
export async function createApiKey(page: Page): Promise<string> {
  await page.goto("/settings/api-keys");
  await page.getByRole("button", { name: "New API key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Key name").fill("E2E seed");
  await dialog.getByLabel("Role").selectOption("admin");
  await dialog.getByRole("button", { name: "Create key" }).click();
  const keyField = dialog.getByRole("textbox", { name: "API key", exact: true });
  await expect(keyField).toHaveValue(/^slk_/);
  const key = await keyField.inputValue();
  await dialog.getByRole("button", { name: "I have copied it" }).click();
  return key;
}
