import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./workspace";

const column = (page: Page, stage: string) => page.getByRole("region", { name: stage, exact: true });
const STAGES = ["Prospecting", "Qualification", "Proposal", "Negotiation"];

/** How many of the first stages' columns are wholly inside the window. */
async function fullyVisibleColumns(page: Page): Promise<string[]> {
  const width = page.viewportSize()!.width;
  const out: string[] = [];
  for (const stage of STAGES) {
    const box = await column(page, stage).boundingBox();
    if (box && box.x >= 0 && box.x + box.width <= width) out.push(stage);
  }
  return out;
}

test.use({ viewport: { width: 1280, height: 720 } });

test("at 1280×720 the deals board shows four columns under a one-row header; the density toggle is remembered", async ({ page }) => {
  await page.goto("/deals");
  await expect(page.getByRole("heading", { level: 1, name: "Deals" })).toBeVisible();
  await expect(column(page, "Prospecting")).toBeVisible();

  // the header is one compact row: the board starts high on the page, the filters wait behind a button
  const board = (await page.getByTestId("board").boundingBox())!;
  expect(board.y).toBeLessThan(170);
  expect(await fullyVisibleColumns(page)).toEqual(STAGES);
  await expect(page.getByLabel("Owner")).toBeHidden();
  await page.getByRole("button", { name: "Filters" }).click();
  await expect(page.getByLabel("Owner")).toBeVisible();
  await expect(page.getByRole("button", { name: "Apply filters" })).toBeVisible();
  const axe = await new AxeBuilder({ page }).include("#main").analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  await page.getByRole("button", { name: "Close", exact: true }).click();
  await expect(page.getByLabel("Owner")).toBeHidden();

  // density: compact narrows the columns; the choice survives a reload
  const density = page.getByRole("radiogroup", { name: "Card density" });
  await expect(density.getByRole("radio", { name: "Comfortable" })).toHaveAttribute("aria-checked", "true");
  const wide = (await column(page, "Prospecting").boundingBox())!.width;
  await density.getByRole("radio", { name: "Compact" }).click();
  await expect(density.getByRole("radio", { name: "Compact" })).toHaveAttribute("aria-checked", "true");
  await expect.poll(async () => (await column(page, "Prospecting").boundingBox())!.width).toBeLessThan(wide);
  await page.reload();
  await expect(page.getByRole("radiogroup", { name: "Card density" }).getByRole("radio", { name: "Compact" })).toHaveAttribute("aria-checked", "true");
  await expect.poll(async () => (await column(page, "Prospecting").boundingBox())!.width).toBeLessThan(wide);
  await page.getByRole("radiogroup", { name: "Card density" }).getByRole("radio", { name: "Comfortable" }).click();
  await expect.poll(async () => (await column(page, "Prospecting").boundingBox())!.width).toBe(wide);
});

test("the deals table view sorts, filters, hides a column and bulk-tags, like the contacts table", async ({ page, seed }) => {
  for (const [name, amount] of [["Acme renewal", "5000"], ["Globex expansion", "12000"], ["Initech pilot", "800"]] as const) await seed.record("DEAL", { name, amount });
  await page.goto("/deals");
  await page.getByRole("navigation", { name: "View" }).getByRole("link", { name: "Table" }).click();
  await expect(page).toHaveURL(/view=table/);
  await expect(page.getByTestId("table-count")).toHaveText("3");
  await expect(page.getByRole("row", { name: /Acme renewal.*Prospecting/ })).toBeVisible();
  const names = () => page.locator("tbody a[href^='/deals/']").allTextContents();

  // sort by amount, biggest first
  const amountHeader = page.getByRole("columnheader", { name: "Amount" });
  await amountHeader.getByRole("button").click();
  await expect(amountHeader).toHaveAttribute("aria-sort", /ascending|descending/);
  if ((await amountHeader.getAttribute("aria-sort")) !== "descending") await amountHeader.getByRole("button").click();
  await expect(amountHeader).toHaveAttribute("aria-sort", "descending");
  await expect.poll(names).toEqual(["Globex expansion", "Acme renewal", "Initech pilot"]);
  await expect(page).toHaveURL(/view=table/);

  // filter: amount of at least 1000
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await page.getByRole("button", { name: "Add condition" }).click();
  await page.getByLabel("Condition 1 field").selectOption({ label: "Amount" });
  await page.getByLabel("Condition 1 operator").selectOption({ label: "is at least" });
  await page.getByLabel("Condition 1 value").fill("1000");
  await page.getByRole("button", { name: "Apply filter" }).click();
  await expect(page.getByTestId("table-count")).toHaveText("2");
  await expect.poll(names).toEqual(["Globex expansion", "Acme renewal"]);

  // hide a column
  await page.getByRole("button", { name: "Choose columns" }).click();
  await page.getByRole("checkbox", { name: "Close date" }).uncheck();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("columnheader", { name: "Close date" })).toHaveCount(0);
  await expect(page).toHaveURL(/view=table/);

  // bulk-tag the two rows
  await page.getByRole("checkbox", { name: "Select Acme renewal" }).check();
  await page.getByRole("checkbox", { name: "Select Globex expansion" }).check();
  const bar = page.getByRole("toolbar", { name: "Bulk actions" });
  await expect(bar).toContainText("2 selected");
  await bar.getByRole("button", { name: "Add tags" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Tags").fill("q3-push");
  await dialog.getByRole("button", { name: "Add tags" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Tagged 2 of 2 deals")).toBeVisible();
  await expect(page.getByRole("row", { name: /Acme renewal/ })).toContainText("q3-push");
  await expect(page.getByRole("row", { name: /Globex expansion/ })).toContainText("q3-push");
  const axe = await new AxeBuilder({ page }).include("#main").analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});
