// Dashboards (issue 18): a manager builds a widget and drills from a bar into the filtered
// table of its records; widgets are rearranged with the keyboard (dnd-kit's keyboard sensor,
// and the move buttons), and the order holds after a reload; the Team page shows each rep's
// quota attainment and performance.
import AxeBuilder from "@axe-core/playwright";
import { services } from "./services";
import { expect, test } from "./workspace";

test("a manager builds a widget, clicks a bar and lands on the table of exactly its records", async ({ seed, openAs }) => {
  for (const firstName of ["Vera", "Vic", "Val"]) await seed.record("CONTACT", { firstName, lastName: "Important", tags: ["vip"] });
  for (const firstName of ["Nia", "Ned"]) await seed.record("CONTACT", { firstName, lastName: "Fresh", tags: ["new"] });
  await seed.record("CONTACT", { firstName: "Otto", lastName: "Untagged" });

  const { page } = await openAs("manager");
  await page.goto("/contacts");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboards" }).click();
  await expect(page.getByRole("link", { name: "Sales manager" })).toBeVisible();
  await page.getByRole("button", { name: "New dashboard" }).click();
  await page.getByRole("dialog").getByLabel("Name").fill("My contacts");
  await page.getByRole("dialog").getByRole("button", { name: "Create dashboard" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My contacts" })).toBeVisible();
  await expect(page.getByText("This dashboard has no widgets yet.")).toBeVisible();

  await page.getByRole("button", { name: "Add widget" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a widget" });
  await dialog.getByLabel("Title").fill("Contacts by tag");
  await dialog.getByLabel("Chart").selectOption("bar");
  await dialog.getByLabel("Records").selectOption("contacts");
  await dialog.getByLabel("Measure").selectOption("count");
  await dialog.getByLabel("Group by").selectOption("tag");
  await dialog.getByRole("button", { name: "Add widget" }).click();
  await expect(page.getByText("Widget added")).toBeVisible();

  const widget = page.getByRole("listitem", { name: "Contacts by tag" });
  await widget.getByRole("button", { name: "Show table: Contacts by tag" }).click();
  const table = widget.getByRole("table", { name: "Contacts by tag" });
  await expect(table.getByRole("row")).toHaveText([/Tag\s*Count/, /vip\s*3/, /new\s*2/, /No tag\s*1/]);

  // the biggest bar (the groups come largest first): vip
  await widget.locator(".recharts-bar-rectangle path").first().click();
  await expect(page).toHaveURL(/\/contacts\?filter=/);
  await expect(page.getByTestId("table-count")).toHaveText("3");
  for (const name of ["Vera", "Vic", "Val"]) await expect(page.getByRole("link", { name: new RegExp(`^${name} Important`) })).toBeVisible();
  await expect(page.getByRole("link", { name: /Nia Fresh|Otto Untagged/ })).toHaveCount(0);
});

test("widgets are rearranged with the keyboard, and the order holds after a reload", async ({ openAs }) => {
  const { page } = await openAs("manager");
  await page.goto("/dashboards");
  await page.getByRole("link", { name: "Sales manager" }).click();
  const widgets = page.getByRole("list", { name: "Widgets" }).getByRole("listitem");
  const titles = () => widgets.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
  await expect(widgets).toHaveCount(6);
  expect((await titles()).slice(0, 2)).toEqual(["Won this quarter", "Open pipeline, weighted"]);

  // dnd-kit's keyboard: Space picks up, an arrow moves, Space drops — once its context has
  // mounted in the browser (its live region appears then), or a key pressed before hydration is lost
  await expect(page.locator('[id^="DndLiveRegion"]').first()).toBeAttached();
  const handle = page.getByRole("button", { name: "Rearrange Won this quarter" });
  await handle.focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Space");
  await expect.poll(async () => (await titles()).slice(0, 2)).toEqual(["Open pipeline, weighted", "Won this quarter"]);

  // the move buttons, by keyboard too
  await page.getByRole("button", { name: "Move Open pipeline, weighted later" }).focus();
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await titles()).slice(0, 2)).toEqual(["Won this quarter", "Open pipeline, weighted"]);
  await page.getByRole("button", { name: "Move Activities by type, last 30 days earlier" }).focus();
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await titles())[3]).toBe("Activities by type, last 30 days");
  const order = await titles();
  await expect(page.getByTestId("order-status")).toHaveText(/Moved Activities by type, last 30 days to position 4 of 6\. Order saved\./);
  await page.reload();
  await expect.poll(titles).toEqual(order);

  // resized from the widget's own control
  await page.getByLabel("Size of Won this quarter").selectOption("medium");
  await expect(page.getByText("Won this quarter: medium")).toBeVisible();
});

test("the Team page shows each rep's quota attainment, and performance with the period in the URL", async ({ seed, workspace, openAs }) => {
  const rep = await workspace.join("sales_rep");
  const won = await seed.record("DEAL", { name: "Team win", amount: "400", ownedByUserId: rep.userId });
  await seed.move("DEAL", won, "Closed Won");
  const { createQuota } = await services();
  const today = new Date().toISOString().slice(0, 10); // the workspace is in UTC
  await createQuota(workspace.ctx(), { userId: rep.userId, period: "MONTH", start: `${today.slice(0, 7)}-01`, revenueTarget: "1000" });

  const { page } = await openAs("manager");
  await page.goto("/team");
  const quotas = page.getByRole("region", { name: /Quota attainment/ });
  await quotas.getByRole("button", { name: /Show table/ }).click();
  const row = quotas.getByRole("row", { name: new RegExp(`^${rep.name}`) });
  await expect(row).toContainText("$1,000");
  await expect(row).toContainText("$400");
  await expect(row).toContainText("$600"); // the gap
  await expect(row).toContainText("40%");

  const performance = page.getByRole("region", { name: /Rep performance/ });
  const perfRow = performance.getByRole("table", { name: /Rep performance/ }).getByRole("row", { name: new RegExp(`^${rep.name}`) });
  await expect(perfRow.getByRole("cell")).toContainText(["0", "0", "0", "0", "0", "1", "1", "0", "100%"]);
  await performance.getByLabel("Period").selectOption("lastMonth");
  await expect(page).toHaveURL(/period=lastMonth/);
  await expect(perfRow.getByRole("cell").nth(5)).toHaveText("0");
  const axe = await new AxeBuilder({ page }).include("#main").analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});
