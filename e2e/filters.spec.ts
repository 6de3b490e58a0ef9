import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./workspace";

test("the filter builder starts empty, offers known values, and flags an unfinished condition instead of applying it", async ({ page, seed }) => {
  for (const [name, industry] of [["Acme", "Software"], ["Globex", "Retail"], ["Initech", "Software"]]) await seed.record("COMPANY", { name, industry });
  await page.goto("/companies");
  await expect(page.getByTestId("table-count")).toHaveText("3");

  await page.getByRole("button", { name: "Filter", exact: true }).click();
  const panel = page.getByRole("region", { name: "Filter" });
  await expect(panel).toContainText("No conditions: every record matches.");
  await expect(panel.getByRole("group", { name: "Condition 1" })).toHaveCount(0);

  // a new condition asks for its field first (no "Record is [id]")
  await panel.getByRole("button", { name: "Add condition" }).click();
  await expect(page.getByLabel("Condition 1 field")).toHaveValue("");
  await expect(page.getByLabel("Condition 1 operator")).toHaveCount(0);
  await panel.getByRole("button", { name: "Apply filter" }).click();
  await expect(page.getByLabel("Condition 1 field")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("group", { name: "Condition 1" })).toContainText("choose a field");
  await expect(page).not.toHaveURL(/filter=/);

  // a text field with values in use suggests them
  await page.getByLabel("Condition 1 field").selectOption({ label: "Industry" });
  await expect(page.getByLabel("Condition 1 operator")).toHaveValue("eq");
  await expect(page.getByTestId("Condition 1 value choices").locator("option")).toHaveCount(2);
  expect(await page.getByTestId("Condition 1 value choices").locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(["Software", "Retail"]);

  // left empty, it is flagged and not applied (it would match nothing)
  await panel.getByRole("button", { name: "Apply filter" }).click();
  await expect(page.getByLabel("Condition 1 value")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("group", { name: "Condition 1" })).toContainText("needs a value");
  await expect(page).not.toHaveURL(/filter=/);
  await expect(page.getByTestId("table-count")).toHaveText("3");
  const axe = await new AxeBuilder({ page }).include("#main").analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  await page.getByLabel("Condition 1 value").fill("Software");
  await panel.getByRole("button", { name: "Apply filter" }).click();
  await expect(page).toHaveURL(/filter=/);
  await expect(page.getByTestId("table-count")).toHaveText("2");
});

test("choice fields offer their values by name: a deal's status and stage", async ({ page }) => {
  await page.goto("/deals?view=table");
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await page.getByRole("button", { name: "Add condition" }).click();
  await page.getByLabel("Condition 1 field").selectOption({ label: "Status" });
  const status = page.getByLabel("Condition 1 value");
  expect(await status.locator("option").allTextContents()).toEqual(["Open", "Won", "Lost"]);
  await page.getByLabel("Condition 1 field").selectOption({ label: "Stage" });
  await expect(page.getByLabel("Condition 1 value").locator("option", { hasText: "Negotiation" })).toHaveCount(1);
  await page.getByLabel("Condition 1 value").selectOption({ label: "Negotiation" });
  await page.getByRole("button", { name: "Apply filter" }).click();
  await expect(page).toHaveURL(/filter=/);
  await expect(page.getByTestId("table-count")).toHaveText("0");
});

test("a view shared with the workspace is seen by another user; deleting a view asks first", async ({ page, openAs }) => {
  await page.goto("/contacts");
  await page.getByRole("button", { name: "Saved views" }).click();
  await page.getByRole("button", { name: "Save current view…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("View name").fill("Team pipeline");
  await dialog.getByLabel("Share with").selectOption({ label: "Everyone in the workspace" });
  await dialog.getByRole("button", { name: "Save view" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("button", { name: /^Saved views/ }).click();
  await page.getByRole("button", { name: "Save current view…" }).click();
  await dialog.getByLabel("View name").fill("Just mine");
  await dialog.getByRole("button", { name: "Save view" }).click();
  await expect(dialog).toBeHidden();

  const other = await openAs("sales_rep");
  await other.page.goto("/contacts");
  await other.page.getByRole("button", { name: /^Saved views/ }).click();
  const shared = other.page.getByRole("list", { name: "Shared with me" });
  await expect(shared.getByRole("link", { name: "Team pipeline" })).toBeVisible();
  await expect(shared).toContainText("by Ada Admin");
  await expect(other.page.getByRole("link", { name: "Just mine" })).toHaveCount(0);
  // not theirs to delete, and a sales rep cannot share
  await expect(other.page.getByRole("button", { name: "Delete view Team pipeline" })).toHaveCount(0);
  await other.page.getByRole("button", { name: "Save current view…" }).click();
  await expect(other.page.getByRole("dialog").getByLabel("Share with")).toHaveCount(0);
  await other.context.close();

  // the owner deletes: a confirmation first; Cancel keeps the view
  await page.goto("/contacts");
  await page.getByRole("button", { name: /^Saved views/ }).click();
  await page.getByRole("button", { name: "Delete view Team pipeline" }).click();
  const confirm = page.getByRole("dialog", { name: 'Delete view "Team pipeline"?' });
  await expect(confirm).toContainText("the others will no longer see it");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await page.getByRole("button", { name: /^Saved views/ }).click();
  await expect(page.getByRole("link", { name: "Team pipeline" })).toBeVisible();
  await page.getByRole("button", { name: "Delete view Team pipeline" }).click();
  await page.getByRole("dialog", { name: 'Delete view "Team pipeline"?' }).getByRole("button", { name: "Delete view" }).click();
  await expect(page.getByText('Deleted view "Team pipeline"')).toBeVisible();
  await page.getByRole("button", { name: /^Saved views/ }).click();
  await expect(page.getByRole("list", { name: "My views" }).getByRole("link")).toHaveText(["Just mine"]);
});
