import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { SIGNED_OUT } from "./fixtures";
import { expect, test } from "./workspace";

/** Settings → Web forms → New web form with the default fields; returns the form's public URL. */
async function createWebForm(page: Page, name: string): Promise<string> {
  await page.goto("/contacts");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: /^Web forms/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Web forms" })).toBeVisible();
  await page.getByRole("button", { name: "New web form" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("textbox", { name: "Name" }).fill(name);
  await dialog.getByRole("button", { name: "Create web form" }).click();
  await expect(dialog).toBeHidden();
  const card = page.getByRole("listitem", { name: new RegExp(name) });
  await card.getByText("HTML snippet for your website").click();
  await expect(card.getByText("/api/public/forms/")).toBeVisible();
  const axe = await new AxeBuilder({ page }).include("#main").analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  const url = await card.getByRole("link", { name: /\/f\// }).getAttribute("href");
  expect(url).toMatch(/\/f\/[A-Za-z0-9_-]{20,}$/);
  return new URL(url!).pathname;
}

/** A visitor (no session, a phone-sized screen) fills the hosted form. */
async function visitorSubmits(browser: Browser, path: string, who: { first: string; last: string; email: string; company: string }) {
  const context = await browser.newContext({ storageState: SIGNED_OUT, viewport: { width: 390, height: 844 } });
  const visitor = await context.newPage();
  await visitor.goto(`${path}?utm_source=newsletter&utm_campaign=spring`);
  await expect(visitor.getByRole("heading", { level: 1 })).toBeVisible();
  const axe = await new AxeBuilder({ page: visitor }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await visitor.getByLabel("First name").fill(who.first);
  await visitor.getByLabel("Last name").fill(who.last);
  await visitor.getByLabel("Email").fill(who.email);
  await visitor.getByLabel("Company").fill(who.company);
  await visitor.getByRole("button", { name: "Send" }).click();
  await expect(visitor.getByRole("status")).toContainText("Thank you");
  await context.close();
}

test("a visitor fills the hosted web form; the lead appears with its UTM values", async ({ page, browser }) => {
  const path = await createWebForm(page, "Demo request");
  await visitorSubmits(browser, path, { first: "Vera", last: "Visitor", email: "vera@visitor-co.example", company: "Visitor Co" });

  await page.goto("/leads");
  await page.getByRole("link", { name: "Vera Visitor" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Vera Visitor" })).toBeVisible();
  const details = page.getByRole("complementary", { name: /About this/i });
  await expect(details).toContainText("newsletter");
  await expect(details).toContainText("spring");
  await expect(details).toContainText("web_form");
});

test("a user converts a lead with a deal and lands on the deal; the lead shows it converted, with links to what it became", async ({ page, seed }) => {
  const lead = await seed.record("LEAD", { firstName: "Vera", lastName: "Visitor", email: "vera@visitor-co.example", companyName: "Visitor Co" });
  const leadUrl = `/leads/${lead}`;
  await page.goto(leadUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Vera Visitor" })).toBeVisible();

  await page.getByRole("button", { name: "Convert", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Convert Vera Visitor" });
  const plan = dialog.getByRole("list", { name: "What will happen" });
  await expect(plan).toContainText("Contact: Vera Visitor");
  await expect(plan).toContainText("Company: Visitor Co");
  await expect(plan.getByText("new")).toHaveCount(2);
  await expect(dialog.getByLabel("Create a deal")).toBeChecked();
  const axe = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await expect(dialog.getByLabel("Deal name")).toHaveValue("Visitor Co — Vera Visitor");
  await expect(dialog.getByLabel("Stage")).not.toHaveValue("");
  await dialog.getByLabel("Amount").fill("4800");
  await dialog.getByRole("button", { name: "Convert", exact: true }).click();

  await expect(page).toHaveURL(/\/deals\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Visitor Co — Vera Visitor" })).toBeVisible();
  await expect(page.getByText(/4,800/).first()).toBeVisible();

  await page.goto(leadUrl);
  const conversion = page.getByLabel("Lead outcome");
  await expect(conversion).toContainText("Converted");
  await expect(conversion.getByRole("link", { name: "Deal" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Convert", exact: true })).toHaveCount(0);
  await conversion.getByRole("link", { name: "Contact" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Vera Visitor" })).toBeVisible();
  await expect(page).toHaveURL(/\/contacts\//);
});

test("a user disqualifies a lead, and must say why", async ({ page, seed }) => {
  await seed.record("LEAD", { firstName: "Dora", lastName: "Dud", email: "dora@dud.example", companyName: "Dud Inc" });
  await page.goto("/leads");
  await page.getByRole("link", { name: "Dora Dud" }).click();
  await page.getByRole("button", { name: "Disqualify" }).click();
  const dialog = page.getByRole("dialog", { name: "Disqualify Dora Dud" });
  await dialog.getByRole("button", { name: "Disqualify" }).click();
  await expect(dialog.getByText("Say why the lead is disqualified")).toBeVisible();
  await dialog.getByLabel("Reason").fill("Student, no budget");
  await dialog.getByRole("button", { name: "Disqualify" }).click();
  await expect(dialog).toBeHidden();
  const outcome = page.getByLabel("Lead outcome");
  await expect(outcome).toContainText("Disqualified");
  await expect(outcome).toContainText("Student, no budget");
  await expect(page.getByRole("button", { name: "Convert", exact: true })).toHaveCount(0);
});

test("a lead's rating and status are set on the form, shown on its page and saved", async ({ page }) => {
  for (const [first, rating, status] of [["Holly", "Hot", "Contacted"], ["Colin", "Cold", "New"]] as const) {
    await page.goto("/leads/new");
    await page.getByLabel("First name").fill(first);
    await page.getByLabel("Rating").selectOption({ label: rating });
    await page.getByLabel("Status").selectOption({ label: status });
    await page.getByRole("button", { name: "Create lead" }).click();
    await expect(page).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1, name: first })).toBeVisible();
    await expect(page.getByText(`Status: ${status}`)).toBeVisible();
  }
  // what the form set is what was saved
  await page.goto("/leads?view=table&cols=name,rating,status");
  const table = page.getByRole("table");
  await expect(table.getByRole("row", { name: /Holly/ })).toContainText("Hot");
  await expect(table.getByRole("row", { name: /Holly/ })).toContainText("Contacted");
  await expect(table.getByRole("row", { name: /Colin/ })).toContainText("Cold");
  await expect(table.getByRole("row", { name: /Colin/ })).toContainText("New");
});

test("the leads table shows rating, status and UTM source columns, and filters by rating", async ({ page, seed }) => {
  await seed.record("LEAD", { firstName: "Holly", rating: "hot", status: "contacted" });
  await seed.record("LEAD", { firstName: "Colin", rating: "cold", status: "new" });
  const filter = encodeURIComponent(JSON.stringify({ all: [{ field: "rating", op: "eq", value: "hot" }] }));
  await page.goto(`/leads?view=table&cols=name,rating,status,utmSource&filter=${filter}`);
  const table = page.getByRole("table");
  await expect(table.getByRole("columnheader", { name: /Rating/ })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: /UTM source/ })).toBeVisible();
  await expect(table.getByRole("row", { name: /Holly/ })).toContainText("Hot");
  await expect(table.getByRole("row", { name: /Holly/ })).toContainText("Contacted");
  await expect(table.getByRole("row", { name: /Colin/ })).toHaveCount(0);
});
