import { expect, test } from "./workspace";

test("a new workspace: the getting-started checklist follows the data, the empty table offers the next step, and it can be dismissed", async ({ page, seed }) => {
  await page.goto("/contacts");
  const card = page.getByRole("region", { name: "Getting started" });
  await expect(card).toContainText("0 of 4 done");
  const steps = card.getByRole("list", { name: "Getting started steps" });
  await expect(steps.getByRole("listitem")).toHaveText([/Add your contacts \(to do\)/, /Invite your team \(to do\)/, /Set up your pipeline \(to do\)/, /Connect an automation \(to do\)/]);

  // The empty table says what to do instead of "No contacts match."
  await expect(page.getByText("No contacts match.")).toHaveCount(0);
  await expect(page.getByText("No contacts yet")).toBeVisible();
  await page.getByRole("link", { name: "Add contact" }).click();
  await expect(page).toHaveURL(/\/contacts\/new$/);

  // Checked off by real data: a contact made over the API, an invitation.
  await seed.record("CONTACT", { firstName: "First", lastName: "Customer" });
  await page.goto("/contacts");
  await expect(card).toContainText("1 of 4 done");
  await expect(steps.getByRole("listitem").first()).toHaveText(/Add your contacts \(done\)/);
  await steps.getByRole("link", { name: "Invite people" }).click();
  await expect(page).toHaveURL(/\/settings\/users$/);
  await page.getByRole("button", { name: "Add user" }).click();
  await page.getByRole("dialog").getByLabel("Email").fill("teammate@example.test");
  await page.getByRole("dialog").getByRole("button", { name: "Create invitation link" }).click();
  await expect(page.getByRole("dialog").getByRole("textbox", { name: "Invitation link", exact: true })).toHaveValue(/\/invite\//);
  await page.goto("/contacts");
  await expect(card).toContainText("2 of 4 done");
  // A filtered table that matches nothing still says so.
  await page.goto("/contacts?q=zzzz-nobody");
  await expect(page.getByText("No contacts match.")).toBeVisible();

  await page.goto("/contacts");
  await card.getByRole("button", { name: "Dismiss getting started" }).click();
  await expect(card).toBeHidden();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Contacts" })).toBeVisible();
  await expect(card).toBeHidden();
});

test("an admin loads the demo data into the new, empty workspace; afterwards it is no longer offered", async ({ page }) => {
  test.slow(); // a few thousand rows
  await page.goto("/companies");
  await expect(page.getByText("No companies yet")).toBeVisible();
  await page.getByRole("button", { name: "Load demo data" }).click();
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: "Demo data loaded" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("No companies yet")).toBeHidden();
  await expect(page.getByRole("row").nth(10)).toBeVisible();
  await page.goto("/contacts");
  await expect(page.getByRole("region", { name: "Getting started" })).toContainText("1 of 4 done");
  await expect(page.getByRole("button", { name: "Load demo data" })).toHaveCount(0);
});

test("a new workspace's board, lists and tasks say what to do first", async ({ page }) => {
  await page.goto("/deals");
  await expect(page.getByTestId("board-empty")).toHaveText(/No deals yet\. Add the first with the \+ at the top of a stage/);
  await page.goto("/lists");
  await expect(page.getByText("No lists here yet")).toBeVisible();
  await expect(page.getByText(/Use New list above/)).toBeVisible();
  await page.goto("/tasks");
  await expect(page.getByText("No open tasks")).toBeVisible();
  await page.getByRole("link", { name: "Go to contacts" }).click();
  await expect(page).toHaveURL(/\/contacts$/);
});
