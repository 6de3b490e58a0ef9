import type { Page } from "@playwright/test";
import { expect, test } from "./workspace";

/** The member names in the list page's table, sorted. */
async function memberNames(page: Page): Promise<string[]> {
  return (await page.getByRole("region", { name: "Members" }).locator("tbody a[href^='/contacts/']").allTextContents()).sort();
}

test("a dynamic list of contacts at retail companies created in the last 30 days follows a contact edited to match", async ({ page, context, seed }) => {
  const retail = await seed.record("COMPANY", { name: "Shopwise", industry: "Retail" });
  await seed.record("COMPANY", { name: "Codeworks", industry: "Software" });
  await seed.record("CONTACT", { firstName: "Ann", lastName: "Archer", email: "ann@shopwise.test", companyId: retail });
  const bob = await seed.record("CONTACT", { firstName: "Bob", lastName: "Baker", email: "bob@codeworks.test" });

  await page.goto("/lists");
  await page.getByRole("button", { name: "New list" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Retail contacts");
  await dialog.getByLabel("Records").selectOption("CONTACT");
  await dialog.getByLabel("Dynamic (filter)").check();
  await dialog.getByRole("button", { name: "Add condition" }).click();
  await dialog.getByLabel("Condition 1 field").selectOption({ label: "Company industry" });
  await dialog.getByLabel("Condition 1 operator").selectOption({ label: "is" });
  await dialog.getByLabel("Condition 1 value").fill("retail");
  await dialog.getByRole("button", { name: "Add condition" }).click();
  await dialog.getByLabel("Condition 2 field").selectOption({ label: "Created" });
  await dialog.getByLabel("Condition 2 operator").selectOption({ label: "is in the last … days" });
  // a wrong value is shown on that condition by the live preview
  await dialog.getByLabel("Condition 2 value").fill("-3");
  await expect(dialog.getByRole("group", { name: "Condition 2" })).toContainText("whole number of days");
  await dialog.getByLabel("Condition 2 value").fill("30");
  // the live count and the first match, as you edit
  await expect(dialog.getByTestId("filter-preview-count")).toHaveText("1 contact matches now");
  await expect(dialog.getByRole("list", { name: "First matches" })).toHaveText("Ann Archer");
  await dialog.getByRole("button", { name: "Create list" }).click();

  await expect(page).toHaveURL(/\/lists\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Retail contacts" })).toBeVisible();
  await expect(page.getByText("Dynamic list of contacts · 1 member")).toBeVisible();
  await expect.poll(() => memberNames(page)).toEqual(["Ann Archer"]);

  // edit Bob in another tab, through the record page; this page is never reloaded by the test
  const other = await context.newPage();
  await other.goto(`/contacts/${bob}`);
  await other.getByRole("button", { name: "Edit Company" }).click();
  await other.getByRole("combobox", { name: "Company" }).fill("Shopw");
  await other.getByRole("option", { name: /Shopwise/ }).click();
  await other.getByRole("button", { name: "Save", exact: true }).click();
  await expect(other.getByRole("list", { name: "Company" }).getByRole("link", { name: "Shopwise" })).toBeVisible();

  await expect(page.getByText("Dynamic list of contacts · 2 members")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("region", { name: "Filter" }).getByTestId("filter-preview-count")).toHaveText("2 contacts match now");
  await expect.poll(() => memberNames(page)).toEqual(["Ann Archer", "Bob Baker"]);
  const history = page.getByRole("region", { name: "History" });
  await expect(history.getByRole("row", { name: /Bob Baker/ })).toContainText("matched the filter");
  await expect(page.getByRole("button", { name: "Refresh now" })).toBeEnabled();
});

test("a static list built from a table selection; members removed from the list page", async ({ page, seed }) => {
  for (const [firstName, lastName] of [["Ann", "Archer"], ["Bob", "Baker"], ["Cid", "Carter"]] as const) {
    await seed.record("CONTACT", { firstName, lastName, email: `${firstName.toLowerCase()}@acme.test` });
  }

  await page.goto("/lists");
  await page.getByRole("button", { name: "New list" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Webinar invitees");
  await dialog.getByRole("button", { name: "Create list" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Webinar invitees" })).toBeVisible();
  const listUrl = page.url();

  await page.goto("/contacts");
  await expect(page.getByTestId("table-count")).toHaveText("3");
  await page.getByRole("checkbox", { name: "Select Ann Archer" }).check();
  await page.getByRole("checkbox", { name: "Select Cid Carter" }).check();
  await page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button", { name: "Add to list" }).click();
  const add = page.getByRole("dialog");
  await add.getByLabel("List").selectOption({ label: "Webinar invitees" });
  await add.getByRole("button", { name: "Add to list" }).click();
  await expect(page.getByText("Added 2 new members")).toBeVisible();

  await page.goto(listUrl);
  await expect(page.getByText("Static list of contacts · 2 members")).toBeVisible();
  await expect.poll(() => memberNames(page)).toEqual(["Ann Archer", "Cid Carter"]);
  await expect(page.getByRole("region", { name: "History" }).getByRole("row", { name: /Ann Archer/ })).toContainText("by hand");

  await page.getByRole("checkbox", { name: "Select Cid Carter" }).check();
  await page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button", { name: "Remove from list" }).click();
  await expect(page.getByText("Static list of contacts · 1 member")).toBeVisible();
  await expect.poll(() => memberNames(page)).toEqual(["Ann Archer"]);
});
