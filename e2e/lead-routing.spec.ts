import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./workspace";

const RECORD_URL = /\/leads\/[0-9a-f-]{36}$/;

test("an admin makes a scoring rule; a new lead gets the score with its breakdown, a call adds its points, and boards filter by the score", async ({ page }) => {
  // Settings → Lead scoring: "Referral source" +25, and 5 points per call.
  await page.goto("/settings");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: /^Lead scoring/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lead scoring" })).toBeVisible();
  await page.getByRole("button", { name: "Add rule" }).click();
  await page.getByLabel("Rule 1 label").fill("Referral source");
  await page.getByLabel("Rule 1 points").fill("25");
  const condition = page.getByRole("group", { name: "Rule 1 condition" });
  await condition.getByRole("button", { name: "Add condition" }).click();
  await condition.getByLabel("Condition 1 field").selectOption({ label: "Source" });
  await condition.getByLabel("Condition 1 value").fill("referral");
  await page.getByLabel("Call points").fill("5");
  await page.getByRole("button", { name: "Save scoring" }).click();
  await expect(page.getByText("Scoring saved")).toBeVisible();
  // saving rescored every lead in the background, with its progress shown
  await expect(page.getByRole("progressbar", { name: "Rescoring progress" })).toHaveAttribute("aria-valuenow", "100");
  const axeScoring = await new AxeBuilder({ page }).include("#main").analyze();
  expect(axeScoring.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  // The admin creates a referral lead: it scores 25.
  await page.goto("/leads/new");
  await page.getByLabel("First name").fill("Rhea");
  await page.getByLabel("Last name").fill("Ferral");
  await page.getByLabel("Source").fill("Referral");
  await page.getByRole("button", { name: "Create lead" }).click();
  await expect(page).toHaveURL(RECORD_URL);
  await expect(page.getByRole("heading", { level: 1, name: "Rhea Ferral" })).toBeVisible();
  const score = page.getByRole("region", { name: "Score", exact: true });
  await expect(score.getByLabel("Score 25 of 100")).toBeVisible();
  await expect(score.getByRole("list", { name: "Score breakdown" }).getByRole("listitem")).toHaveText([/Referral source\s*\+25/]);

  // A call adds its points: the breakdown follows by itself.
  await page.getByLabel("Subject").fill("Intro call");
  await page.getByRole("button", { name: "Log call" }).click();
  await expect(score.getByLabel("Score 30 of 100")).toBeVisible();
  await expect(score.getByRole("list", { name: "Score breakdown" }).getByRole("listitem")).toHaveText([/Referral source\s*\+25/, /1 call\s*\+5/]);

  // Boards filter by score (the stored one, which followed the call within seconds).
  const rhea = page.getByRole("link", { name: "Rhea Ferral" });
  await expect(async () => {
    await page.goto("/leads?scoreMin=30");
    await expect(rhea).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await page.getByRole("button", { name: "Filters" }).click();
  await page.getByLabel("Score at least").fill("31");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/scoreMin=31/);
  await expect(rhea).toHaveCount(0);
});

test("an admin makes an assignment rule; a lead created without an owner goes to the rule's user, with a follow-up task", async ({ page, workspace }) => {
  const rep = await workspace.join("sales_rep");
  const ruleName = `Referrals to ${rep.name}`;

  // Settings → Assignment: referral leads go to the rep, with a follow-up task.
  await page.goto("/settings/assignment");
  await expect(page.getByRole("heading", { level: 1, name: "Assignment" })).toBeVisible();
  await page.getByRole("button", { name: "New rule" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Rule name").fill(ruleName);
  const ruleCondition = dialog.getByRole("group", { name: "Rule condition" });
  await ruleCondition.getByRole("button", { name: "Add condition" }).click();
  await ruleCondition.getByLabel("Condition 1 field").selectOption({ label: "Source" });
  await ruleCondition.getByLabel("Condition 1 value").fill("referral");
  await dialog.getByLabel("Assign to").selectOption({ label: "A user" });
  await dialog.getByLabel("User").selectOption({ label: rep.name });
  await dialog.getByLabel("Follow-up task due in (hours)").fill("4");
  const axeDialog = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  expect(axeDialog.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await dialog.getByRole("button", { name: "Create rule" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(page.getByRole("tabpanel", { name: "Lead rules" }).getByRole("listitem").filter({ hasText: ruleName })).toContainText(rep.name);

  // The admin creates a lead without choosing an owner: the rep gets it.
  await page.goto("/leads/new");
  await page.getByLabel("First name").fill("Rhea");
  await page.getByLabel("Last name").fill("Ferral");
  await page.getByLabel("Source").fill("Referral");
  await page.getByRole("button", { name: "Create lead" }).click();
  await expect(page).toHaveURL(RECORD_URL);
  await expect(page.getByRole("heading", { level: 1, name: "Rhea Ferral" })).toBeVisible();
  await expect(page.getByText(`Owner: ${rep.name}`)).toBeVisible();
  const history = page.getByRole("region", { name: "Assignment history" });
  await expect(history).toContainText(rep.name);
  await expect(history).toContainText(`by the rule “${ruleName}”`);
  // the rule's follow-up task is on the lead's timeline, for the rep
  await expect(page.getByRole("list", { name: "Timeline" })).toContainText("Follow up: Rhea Ferral");
});

test("“Who would get this?” runs the assignment rules against a lead and names who would get it", async ({ page, workspace, seed }) => {
  const rep = await workspace.join("sales_rep");
  const ruleName = `Referrals to ${rep.name}`;
  await seed.assignmentRule({
    name: ruleName,
    objectType: "LEAD",
    condition: { all: [{ field: "source", op: "eq", value: "referral" }] },
    strategy: "USER",
    userId: rep.userId,
  });
  await seed.record("LEAD", { firstName: "Rhea", lastName: "Ferral", source: "Referral" });

  await page.goto("/settings/assignment");
  await page.getByRole("combobox", { name: "Test lead" }).fill("Rhea");
  await page.getByRole("option", { name: /Rhea Ferral/ }).click();
  await page.getByRole("button", { name: "Who would get this?" }).click();
  await expect(page.getByText(`${rep.name} would get “Rhea Ferral”, by the rule “${ruleName}”.`)).toBeVisible();
});

test("the leads report counts leads by source, with the scores' distribution", async ({ page, seed }) => {
  await seed.record("LEAD", { firstName: "Rhea", lastName: "Ferral", source: "Referral", score: 30 });
  await page.goto("/reports");
  const bySource = page.getByRole("table", { name: /Leads by source/ });
  await expect(bySource.getByRole("row", { name: /^Referral/ })).toContainText("1");
  await expect(page.getByRole("table", { name: /Score distribution/ }).getByRole("row", { name: /^30–39/ })).toContainText("1");
  const axeReports = await new AxeBuilder({ page }).include("#main").analyze();
  expect(axeReports.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});
