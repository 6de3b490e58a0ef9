import { expect, test } from "@playwright/test";
import { signIn, signUpTenant } from "./fixtures";

test("sign up creates a workspace; signing in lands in the shell; sign out; sign in again", async ({ page }) => {
  const email = `founder-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const password = "Str0ng-pass!";
  await page.goto("/signup");
  await page.getByLabel("Company name").fill("Initech E2E");
  await page.getByLabel("Your name").fill("Peter Gibbons");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create workspace" }).click();

  // Sign-up answers alike for every email, so it does not sign in: the login page asks.
  await expect(page).toHaveURL(/\/login\?notice=signed-up$/);
  await expect(page.getByRole("status").filter({ hasText: "open your new workspace" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(/\/contacts$/);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const item of ["Contacts", "Companies", "Leads", "Deals", "Tickets", "Lists", "Reports", "Settings"]) {
    await expect(nav.getByRole("link", { name: item })).toBeVisible();
  }
  await expect(nav.getByRole("link", { name: "Contacts" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("tenant-name")).toHaveText("Initech E2E");
  await expect(page.getByRole("searchbox", { name: /Search contacts/ })).toBeVisible();

  await page.getByRole("button", { name: "User menu for Peter Gibbons" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  // a signed-out visitor cannot reach the shell
  await page.goto("/deals");
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();

  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/contacts$/);
  await expect(page.getByTestId("tenant-name")).toHaveText("Initech E2E");
});

test("signing up with an email that already has an account says what a new one is told, and changes nothing", async ({ page }) => {
  const owner = await signUpTenant(page, { companyName: "Original Co" });
  await page.context().clearCookies();
  await page.goto("/signup");
  await page.getByLabel("Company name").fill("Hijack Inc");
  await page.getByLabel("Your name").fill("Mallory");
  await page.getByLabel("Work email").fill(owner.email);
  await page.getByLabel("Password").fill("Mall0ry-pass!");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/login\?notice=signed-up$/);
  await expect(page.getByRole("status").filter({ hasText: "open your new workspace" })).toBeVisible();
  // Mallory's password opens nothing; the owner's still opens their own workspace.
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill("Mall0ry-pass!");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
  await signIn(page, owner.email, owner.password);
  await expect(page.getByTestId("tenant-name")).toHaveText("Original Co");
});

test("a session cookie copied before sign-out no longer works after it", async ({ page, browser }) => {
  await signUpTenant(page, { name: "Sam Session" });
  const copied = await page.context().cookies();
  await page.getByRole("button", { name: "User menu for Sam Session" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const other = await thief.newPage();
  await other.goto("/contacts");
  await expect(other).toHaveURL(/\/login/);
  await thief.close();
});

test("sign up refuses bad input with messages on the fields", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Company name").fill("X");
  await page.getByLabel("Your name").fill("Y");
  await page.getByLabel("Work email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByText("must be an email address")).toBeVisible();
  await expect(page.getByText("must be at least 10 characters")).toBeVisible();
  await expect(page).toHaveURL(/\/signup$/);
});

test("pages and API answers carry the security headers, and the app runs under the CSP", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (m.text().includes("Content Security Policy")) violations.push(m.text());
  });
  const signup = await page.goto("/signup");
  const headers = signup!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");

  await signUpTenant(page);
  // hydrated: the user menu is client-side
  await page.getByRole("button", { name: /^User menu for/ }).click();
  await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
  await page.keyboard.press("Escape");
  // the board (dnd-kit, live updates) and the charts
  await page.goto("/deals");
  await expect(page.getByRole("region", { name: "Prospecting", exact: true })).toBeVisible();
  await page.goto("/reports");
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();

  const api = await page.request.get("/api/v1/pipelines?objectType=DEAL");
  expect(api.status()).toBe(200);
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(api.headers()["x-frame-options"]).toBe("DENY");
  expect(violations).toEqual([]);
});
