import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./workspace";

test("a deal moved through two stages shows in the pipeline report: entries, days, money and forecast", async ({ page, seed }) => {
  const id = await seed.record("DEAL", { name: "Orbital hotel", amount: "10000", closeDate: "2030-06-15" });
  for (const to of ["Qualification", "Proposal"]) await seed.move("DEAL", id, to);
  await page.goto("/contacts");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  await expect(page.getByLabel("Pipeline", { exact: true }).locator("option:checked")).toHaveText("Sales Pipeline");
  const stages = page.getByRole("table", { name: /Stages: entries and days in stage/ });
  const row = (name: string) => stages.getByRole("row", { name: new RegExp(`^${name}`) });
  // Stage | Entries | Still there | Average | Median | Deals now | Amount | Weighted
  for (const name of ["Prospecting", "Qualification"]) {
    await expect(row(name).getByRole("cell").nth(0)).toHaveText("1");
    await expect(row(name).getByRole("cell").nth(1)).toHaveText("0");
    await expect(row(name).getByRole("cell").nth(2)).toHaveText(/\d+ (min|hr|days?)$/);
    await expect(row(name).getByRole("cell").nth(3)).toHaveText(/\d+ (min|hr|days?)$/);
  }
  await expect(row("Proposal").getByRole("cell")).toHaveText(["1", "1", /min|h|day/, /min|h|day/, "1", "$10,000", "$5,000"]);
  await expect(row("Negotiation").getByRole("cell")).toHaveText(["0", "0", "—", "—", "0", "—", "—"]);
  await expect(stages.getByRole("row", { name: /^Open pipeline/ })).toContainText("$5,000");

  const forecast = page.getByRole("table", { name: /Forecast: open deals by close month/ });
  await expect(forecast.getByRole("row", { name: /^June 2030/ }).getByRole("cell")).toHaveText(["1", "$10,000", "$5,000"]);
  const axe = await new AxeBuilder({ page }).include("#main").analyze();
  expect(axe.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // A custom period before the moves: the same stages, no entries; the choice lives in the URL.
  await page.getByLabel("Period").selectOption("custom");
  await page.getByLabel("From").fill("2020-01-01");
  await page.getByLabel("To").fill("2020-01-31");
  await page.getByRole("button", { name: "Show report" }).click();
  await expect(page).toHaveURL(/period=custom.*from=2020-01-01.*to=2020-01-31/);
  await expect(row("Qualification").getByRole("cell").nth(0)).toHaveText("0");
  await expect(row("Proposal").getByRole("cell").nth(4)).toHaveText("1");
  await page.reload();
  await expect(page.getByLabel("Period")).toHaveValue("custom");
  await expect(page.getByLabel("From")).toHaveValue("2020-01-01");

  // Another pipeline type: tickets, counts without money.
  await page.getByLabel("Pipeline", { exact: true }).selectOption({ label: "Support" });
  await page.getByLabel("Period").selectOption("30");
  await page.getByRole("button", { name: "Show report" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /Support/ })).toContainText("tickets");
  await expect(page.getByRole("columnheader", { name: "Amount" })).toHaveCount(0);
  await expect(page.getByRole("table", { name: /Forecast/ })).toHaveCount(0);
});
