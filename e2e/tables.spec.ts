import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test, type Seed } from "./workspace";

async function seedContacts(seed: Seed, people: { firstName: string; lastName: string; email: string; tags?: string[] }[]) {
  for (const p of people) await seed.record("CONTACT", p);
}

const PEOPLE = [
  { firstName: "Ann", lastName: "Archer", email: "ann@acme.test" },
  { firstName: "Bob", lastName: "Baker", email: "bob@acme.test" },
  { firstName: "Cid", lastName: "Carter", email: "cid@globex.test" },
  { firstName: "Dee", lastName: "Dent", email: "dee@acme.test" },
];

/** The names in the table body, top to bottom. */
async function names(page: Page): Promise<string[]> {
  return page.locator("tbody a[href^='/contacts/']").allTextContents();
}

/** Filters to the acme.test addresses and sorts by name, Z to A, through the toolbar. */
async function acmeByNameDescending(page: Page) {
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await page.getByRole("button", { name: "Add condition" }).click();
  await page.getByLabel("Condition 1 field").selectOption({ label: "Email" });
  await page.getByLabel("Condition 1 operator").selectOption({ label: "ends with" });
  await page.getByLabel("Condition 1 value").fill("@acme.test");
  await page.getByRole("button", { name: "Apply filter" }).click();
  await expect(page).toHaveURL(/filter=/);
  await expect(page.getByTestId("table-count")).toHaveText("3");

  const nameHeader = page.getByRole("columnheader", { name: "Name" });
  await nameHeader.getByRole("button").click();
  await expect(page).toHaveURL(/sort=firstName(:|%3A)asc/);
  await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
  await nameHeader.getByRole("button").click();
  await expect(nameHeader).toHaveAttribute("aria-sort", "descending");
  await expect.poll(() => names(page)).toEqual(["Dee Dent", "Bob Baker", "Ann Archer"]);
}

test("contacts are listed newest first; a date condition without a date is refused on that condition", async ({ page, seed }) => {
  await seedContacts(seed, PEOPLE);
  await page.goto("/contacts");
  await expect(page.getByTestId("table-count")).toHaveText("4");
  await expect.poll(() => names(page)).toEqual(["Dee Dent", "Cid Carter", "Bob Baker", "Ann Archer"]);

  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await page.getByRole("button", { name: "Add condition" }).click();
  // refused by the shared validator, on that condition
  await page.getByLabel("Condition 1 field").selectOption({ label: "Created" });
  await page.getByLabel("Condition 1 operator").selectOption({ label: "is after" });
  await page.getByRole("button", { name: "Apply filter" }).click();
  await expect(page.getByLabel("Condition 1 value")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("group", { name: "Condition 1" })).toContainText("must be a date");
  await expect(page).not.toHaveURL(/filter=/);
});

test("the filter, the sort and the chosen columns live in the URL and survive a reload", async ({ page, seed }) => {
  await seedContacts(seed, PEOPLE);
  await page.goto("/contacts");
  await acmeByNameDescending(page);
  // the table, toolbar and open filter builder: every control labelled, contrast, roles
  const axe = await new AxeBuilder({ page }).include("#main").analyze();
  expect(axe.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // hide a column, show another
  await page.getByRole("button", { name: "Choose columns" }).click();
  await page.getByRole("checkbox", { name: "Company" }).uncheck();
  await page.getByRole("checkbox", { name: "Phone", exact: true }).check();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("columnheader", { name: "Phone" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Company" })).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId("table-count")).toHaveText("3");
  await expect(page.getByRole("columnheader", { name: "Name" })).toHaveAttribute("aria-sort", "descending");
  await expect(page.getByRole("columnheader", { name: "Phone" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Filter (1)" })).toBeVisible();
  await expect.poll(() => names(page)).toEqual(["Dee Dent", "Bob Baker", "Ann Archer"]);
});

test("a saved view brings back its filter and sort; a second view of the same name is refused with the reason", async ({ page, seed }) => {
  await seedContacts(seed, PEOPLE);
  await page.goto("/contacts");
  await acmeByNameDescending(page);
  await page.getByRole("button", { name: "Saved views" }).click();
  await page.getByRole("button", { name: "Save current view…" }).click();
  await page.getByRole("dialog").getByLabel("View name").fill("Acme people");
  await page.getByRole("dialog").getByRole("button", { name: "Save view" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(page.getByRole("button", { name: "Saved views (current: Acme people)" })).toBeVisible();

  await page.getByRole("button", { name: /^Saved views/ }).click();
  await page.getByRole("button", { name: "Save current view…" }).click();
  await page.getByRole("dialog").getByLabel("View name").fill("Acme people");
  await page.getByRole("dialog").getByRole("button", { name: "Save view" }).click();
  await expect(page.getByRole("dialog").getByRole("alert")).toContainText('You already have a view named "Acme people"');
  await page.keyboard.press("Escape");

  await page.goto("/contacts");
  await expect(page.getByTestId("table-count")).toHaveText("4");
  await page.getByRole("button", { name: "Saved views" }).click();
  await page.getByRole("link", { name: "Acme people" }).click();
  await expect(page).toHaveURL(/filter=.*sort=firstName(:|%3A)desc|sort=firstName(:|%3A)desc.*filter=/);
  await expect(page.getByTestId("table-count")).toHaveText("3");
  await page.reload();
  await expect(page.getByTestId("table-count")).toHaveText("3");
  await expect.poll(() => names(page)).toEqual(["Dee Dent", "Bob Baker", "Ann Archer"]);
  await expect(page.getByRole("button", { name: "Saved views (current: Acme people)" })).toBeVisible();
});

const EVE = { firstName: "Eve", lastName: "Evans", email: "eve@acme.test" };

test("three selected rows, one selected by keyboard, are tagged at once; the tags stay", async ({ page, seed }) => {
  await seedContacts(seed, [...PEOPLE, EVE]);
  await page.goto("/contacts");
  await expect(page.getByTestId("table-count")).toHaveText("5");

  await page.getByRole("checkbox", { name: "Select Ann Archer" }).check();
  await page.getByRole("checkbox", { name: "Select Bob Baker" }).check();
  // keyboard: Space on a focused checkbox selects too
  await page.getByRole("checkbox", { name: "Select Cid Carter" }).focus();
  await page.keyboard.press("Space");
  const bar = page.getByRole("toolbar", { name: "Bulk actions" });
  await expect(bar).toContainText("3 selected");

  await bar.getByRole("button", { name: "Add tags" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  expect((await new AxeBuilder({ page }).include('[role="dialog"]').analyze()).violations.map((v) => v.id)).toEqual([]);
  await dialog.getByLabel("Tags").fill("hot-lead, q3");
  await dialog.getByRole("button", { name: "Add tags" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Tagged 3 of 3 contacts")).toBeVisible();

  for (const name of ["Ann Archer", "Bob Baker", "Cid Carter"]) {
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("hot-lead");
  }
  await expect(page.getByRole("row", { name: /Dee Dent/ })).not.toContainText("hot-lead");
  await page.reload();
  await expect(page.getByRole("row", { name: /Bob Baker/ })).toContainText("q3");
});

test.describe("with Ann, Bob and Cid tagged", () => {
  test.beforeEach(async ({ seed }) => {
    await seedContacts(seed, PEOPLE.map((p) => (p.firstName === "Dee" ? p : { ...p, tags: ["hot-lead", "q3"] })));
    await seed.record("CONTACT", EVE);
  });

  test("the CSV of a selection holds exactly the selected rows, with the visible columns", async ({ page }) => {
    await page.goto("/contacts");
    await page.getByRole("checkbox", { name: "Select Ann Archer" }).check();
    await page.getByRole("checkbox", { name: "Select Dee Dent" }).check();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^contacts-\d{4}-\d\d-\d\d\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8").replace(/^\ufeff/, "").trim().split("\r\n");
    expect(csv[0]).toBe("ID,Name,Email,Company,Job title,Owner,Tags,Created");
    expect(csv.slice(1).map((line) => line.split(",")[1]).sort()).toEqual(["Ann Archer", "Dee Dent"]);
    expect(csv.find((line) => line.includes("Ann Archer"))).toContain("hot-lead; q3");
    await page.getByRole("button", { name: "Clear selection" }).click();
  });

  test("the tag filter finds exactly the tagged contacts", async ({ page }) => {
    await page.goto(`/contacts?filter=${encodeURIComponent(JSON.stringify({ all: [{ field: "tags", op: "hasAny", value: ["hot-lead"] }] }))}`);
    await expect(page.getByTestId("table-count")).toHaveText("3");
  });

  test("a deleted contact comes back with Undo", async ({ page }) => {
    await page.goto("/contacts");
    await page.getByRole("checkbox", { name: "Select Dee Dent" }).check();
    await page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect(page.getByRole("row", { name: /Dee Dent/ })).toHaveCount(0);
    await expect(page.getByTestId("table-count")).toHaveText("4");
    await page.getByRole("button", { name: "Undo" }).click();
    await expect(page.getByText("Restored 1 contact")).toBeVisible();
    await expect(page.getByRole("row", { name: /Dee Dent/ })).toBeVisible();
    await expect(page.getByTestId("table-count")).toHaveText("5");
  });
});

test("rows are virtualized and load by keyset as you scroll; 'select all matching' acts on every match", async ({ page, seed }) => {
  await seedContacts(seed, Array.from({ length: 130 }, (_, i) => ({ firstName: `P${String(i).padStart(3, "0")}`, lastName: "Many", email: `p${i}@bulk.test` })));

  await page.goto("/contacts");
  await expect(page.getByTestId("table-count")).toHaveText("130");
  await expect(page.getByText("Showing 50 of 130")).toBeVisible();
  const rendered = await page.locator("tbody tr[aria-rowindex]").count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(50); // only the rows in view (plus overscan) are in the DOM

  // all loaded rows selected → offer every match, not just the loaded ones
  await page.getByRole("checkbox", { name: "Select all loaded contacts" }).check();
  await page.getByRole("button", { name: "Select all 130 matching contacts" }).click();
  const bar = page.getByRole("toolbar", { name: "Bulk actions" });
  await expect(bar).toContainText("130 selected");
  await bar.getByRole("button", { name: "Add tags" }).click();
  await page.getByRole("dialog").getByLabel("Tags").fill("wave-1");
  await page.getByRole("dialog").getByRole("button", { name: "Add tags" }).click();
  await expect(page.getByText("Tagged 130 of 130 contacts")).toBeVisible();

  // scrolling to the end loads the remaining pages
  const scroller = page.locator("div:has(> table)");
  await expect(async () => {
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(page.getByText("Showing 130 of 130")).toBeVisible({ timeout: 1000 });
  }).toPass();
  await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.getByRole("row", { name: /P000 Many/ })).toBeVisible();
  expect(await page.locator("tbody tr[aria-rowindex]").count()).toBeLessThan(60);
  await expect(page.getByRole("row", { name: /P000 Many/ })).toContainText("wave-1");
  await expect(page.getByRole("row", { name: /P000 Many/ })).toHaveAttribute("aria-rowindex", "131");

  await page.goto(`/contacts?q=many&filter=${encodeURIComponent(JSON.stringify({ all: [{ field: "tags", op: "hasAll", value: ["wave-1"] }] }))}`);
  await expect(page.getByTestId("table-count")).toHaveText("130");
});
