// Managers' analytics (issue 18): the board as of last month (read only, that day's
// totals, changes since highlighted), pipeline metrics on /reports with a table view and
// CSV of each chart, and the workspace's time zone in Settings.
import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { and, eq } from "drizzle-orm";
import { services } from "./services";
import { expect, test, type Workspace } from "./workspace";

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

/** Puts a deal's creation and its history rows back in time (the services write "now"). */
async function backdate(workspace: Workspace, id: string, created: Date, moves: Date[]) {
  const { withTenant, systemActor, schema } = await services();
  const ctx = { tenantId: workspace.tenantId, actor: systemActor() };
  await withTenant(ctx, async (tx) => {
    const { deals, stageHistory } = schema;
    await tx.update(deals).set({ createdAt: created, stageEnteredAt: moves.at(-1) ?? created }).where(and(eq(deals.tenantId, workspace.tenantId), eq(deals.id, id)));
    for (const [i, at] of [created, ...moves].entries()) {
      await tx.update(stageHistory).set({ changedAt: at }).where(and(eq(stageHistory.tenantId, workspace.tenantId), eq(stageHistory.entityId, id), eq(stageHistory.seq, i + 1)));
    }
  });
}

test("a manager sees the board as of last month, read only, with what moved since", async ({ seed, workspace, openAs }) => {
  const moon = await seed.record("DEAL", { name: "Moon base", amount: "5000" });
  const mars = await seed.record("DEAL", { name: "Mars rover", amount: "700" });
  await seed.move("DEAL", moon, "Qualification");
  await seed.move("DEAL", moon, "Proposal");
  await seed.move("DEAL", mars, "Closed Won");
  await backdate(workspace, moon, daysAgo(60), [daysAgo(45), daysAgo(5)]);
  await backdate(workspace, mars, daysAgo(60), [daysAgo(3)]);
  const lastMonth = daysAgo(30).toISOString().slice(0, 10); // the workspace is in UTC

  const { page } = await openAs("manager");
  await page.goto("/deals");
  await page.getByText("As of…").click();
  await page.getByLabel("As of", { exact: true }).fill(lastMonth);
  await page.getByRole("button", { name: "Show board as of" }).click();
  await expect(page).toHaveURL(new RegExp(`asOf=${lastMonth}`));
  await expect(page.getByRole("status").filter({ hasText: "Read only" })).toBeVisible();
  const column = (stage: string) => page.getByRole("region", { name: new RegExp(`^${stage} as of`) });
  await expect(column("Qualification").getByRole("listitem")).toHaveText([/Moon base/]);
  await expect(column("Qualification").getByTestId("as-of-count")).toHaveText("1");
  await expect(column("Qualification")).toContainText("$5,000");
  await expect(column("Prospecting").getByRole("listitem")).toHaveText([/Mars rover/]);
  await expect(column("Closed Won").getByRole("listitem")).toHaveText(["No deals"]);
  // read only: no card can be picked up
  await expect(page.getByRole("button", { name: /Moon base/ })).toHaveCount(0);

  await page.getByRole("button", { name: "Highlight changes since" }).click();
  await expect(column("Qualification")).toContainText("Moved since · now in Proposal");
  await expect(column("Prospecting")).toContainText("Moved since · now in Closed Won");
  const axe = await new AxeBuilder({ page }).include("#main").analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  await page.getByRole("link", { name: "Back to today" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Read only" })).toHaveCount(0);
});

test("pipeline metrics on /reports: figures beside the previous period, a table view and CSV of each chart", async ({ page, seed, workspace }) => {
  const won = await seed.record("DEAL", { name: "Won one", amount: "1200" });
  await seed.move("DEAL", won, "Qualification");
  await seed.move("DEAL", won, "Closed Won");
  const back = await seed.record("DEAL", { name: "Back and forth", amount: "300" });
  await seed.move("DEAL", back, "Proposal");
  await seed.move("DEAL", back, "Prospecting");
  await backdate(workspace, won, daysAgo(20), [daysAgo(15), daysAgo(10)]);

  await page.goto("/reports");
  const metrics = page.getByRole("region", { name: /Pipeline metrics/ });
  const tile = (label: string) => metrics.getByRole("term").filter({ hasText: new RegExp(`^${label}$`) }).locator("xpath=following-sibling::dd[1]");
  await expect(tile("Won")).toHaveText("1");
  await expect(tile("Deals created")).toHaveText("2");
  await expect(tile("Won value")).toHaveText("$1,200");
  await expect(tile("Average cycle")).toHaveText("10 days");
  await expect(tile("Moved backward")).toHaveText("1");
  await expect(tile("Win rate")).toHaveText("100%");

  await metrics.getByRole("button", { name: "Show table: Stage funnel: entries and conversion" }).click();
  const funnel = metrics.getByRole("table", { name: /Stage funnel/ });
  await expect(funnel.getByRole("row", { name: /^Prospecting/ }).getByRole("cell")).toHaveText(["3", "33.3%", "0"]);
  const [download] = await Promise.all([page.waitForEvent("download"), metrics.getByRole("button", { name: "Download CSV: Velocity: average days in stage" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^pipeline-velocity-.*\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv).toContain("Stage,Average days,\"Average days, previous period\",Exited");
  expect(csv).toMatch(/Qualification,5,/);
});

test("an admin sets the workspace's time zone; the metrics' period follows it", async ({ page }) => {
  await page.goto("/settings");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: /^Workspace/ }).click();
  await expect(page.getByLabel("Time zone")).toHaveValue("UTC");
  await page.getByLabel("Time zone").selectOption("Pacific/Auckland");
  await page.getByRole("button", { name: "Save workspace" }).click();
  await expect(page.getByText("Workspace saved")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Time zone")).toHaveValue("Pacific/Auckland");
  await page.goto("/reports");
  await expect(page.getByRole("heading", { level: 2, name: /Pipeline metrics/ })).toContainText("(Pacific/Auckland)");
});

test("a manager sets a quarter's quota for a rep and sees what is won and committed", async ({ seed, workspace, openAs }) => {
  const rep = await workspace.join("sales_rep");
  const deal = await seed.record("DEAL", { name: "Quota winner", amount: "4000", ownedByUserId: rep.userId });
  await seed.move("DEAL", deal, "Closed Won");
  await seed.record("DEAL", { name: "Quota hope", amount: "1000", forecastProbability: 0.5, closeDate: new Date().toISOString().slice(0, 10), ownedByUserId: rep.userId });

  const { page } = await openAs("manager");
  await page.goto("/settings/quotas");
  const form = page.getByRole("form", { name: "New quota" });
  await form.getByLabel("For").selectOption({ label: rep.name });
  await form.getByLabel("Period").selectOption("MONTH");
  await form.getByLabel("Revenue target").fill("10000");
  await form.getByRole("button", { name: "Add quota" }).click();
  await expect(page.getByText("Quota saved")).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(`^${rep.name}`) });
  // won $4,000 of $10,000; committed $500; gap $5,500
  await expect(row.getByRole("cell")).toContainText(["Month", "$4,000 / $10,000", "$500", "$5,500", /40% of target/, "1", "0", "0"]);
  const axe = await new AxeBuilder({ page }).include("#main").analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});
