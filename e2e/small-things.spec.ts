// Issue 13, item 11: the smaller things seen in an afternoon of use.
import { expect, test } from "./workspace";

test("Settings lists Tags", async ({ page }) => {
  await page.goto("/settings");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: /^Tags/ }).click();
  await expect(page).toHaveURL(/\/settings\/tags$/);
  await expect(page.getByRole("heading", { level: 1, name: "Tags" })).toBeVisible();
});

test("a new pipeline's Won and Lost stages are done (green, red); the stages are saved with one Save", async ({ page }) => {
  await page.goto("/settings/pipelines?type=DEAL");
  await page.getByRole("button", { name: "New pipeline" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Pipeline name").fill("Partners");
  await dialog.getByLabel("Stages").fill("Intro\nPilot\nWon\nLost");
  // what will be made is shown before it is made
  await expect(dialog.getByRole("list", { name: "Stages to create" }).getByRole("listitem")).toHaveText([/Intro\s*· Not started/, /Pilot\s*· In progress/, /Won\s*· Done · success/, /Lost\s*· Done · failed/]);
  await dialog.getByRole("button", { name: "Create pipeline" }).click();
  await expect(page).toHaveURL(/\/settings\/pipelines\/[0-9a-f-]{36}$/);
  const stage = (name: string) => page.getByRole("group", { name: `Stage ${name}` });
  await expect(stage("Won").getByLabel("State")).toHaveValue("DONE_SUCCESS");
  await expect(stage("Won").getByLabel("Colour")).toHaveValue("#10b981");
  await expect(stage("Lost").getByLabel("State")).toHaveValue("DONE_FAILED");
  await expect(stage("Lost").getByLabel("Colour")).toHaveValue("#ef4444");

  // two stages edited, one Save
  await expect(page.getByRole("button", { name: "Save stages" })).toBeDisabled();
  await stage("Intro").getByLabel("Probability (%)").fill("10");
  await stage("Pilot").getByLabel("Probability (%)").fill("60");
  await stage("Pilot").getByLabel("Expected days").fill("12");
  await expect(page.getByText("Unsaved changes")).toBeVisible();
  await page.getByRole("button", { name: "Save stages" }).click();
  await expect(page.getByText("2 stages saved")).toBeVisible();
  await page.reload();
  await expect(stage("Intro").getByLabel("Probability (%)")).toHaveValue("10");
  await expect(stage("Pilot").getByLabel("Probability (%)")).toHaveValue("60");
  await expect(stage("Pilot").getByLabel("Expected days")).toHaveValue("12");
});

test("⌘K forgives a typo in the second word", async ({ page, seed }) => {
  await seed.record("COMPANY", { name: "Murphy LLC" });
  await page.goto("/contacts");
  await page.keyboard.press("Control+K");
  const palette = page.getByRole("dialog", { name: "Search and go to" });
  await palette.getByRole("combobox").fill("Murphy LCC");
  await expect(palette.getByRole("group", { name: "Companies" }).getByRole("option", { name: /Murphy LLC/ })).toBeVisible();
});

test("the company picker creates the company that is not there yet", async ({ page }) => {
  await page.goto("/contacts/new");
  const form = page.getByRole("form", { name: "New contact" });
  await form.getByLabel("First name").fill("Nia");
  await form.getByLabel("Last name").fill("New");
  await form.getByRole("combobox", { name: "Company" }).fill("Brand New Co");
  await page.getByRole("option", { name: "Create company “Brand New Co”" }).click();
  await expect(form.getByRole("combobox", { name: "Company" })).toHaveValue("Brand New Co");
  // the company exists and is chosen (the typed text showed before the server answered)
  await expect(form.getByRole("button", { name: "Clear company" })).toBeVisible();
  await form.getByRole("button", { name: "Create contact" }).click();
  await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("link", { name: "Brand New Co" }).first()).toBeVisible();
  const companies = await page.request.get("/api/v1/companies?q=Brand");
  expect(((await companies.json()) as { data: { name: string }[] }).data.map((c) => c.name)).toEqual(["Brand New Co"]);
});

test("execution times show seconds and a time zone", async ({ page, seed }) => {
  await seed.automation({ name: "Announce", entityType: "CONTACT", scopeType: "ENTITY", triggerEvent: "record.created", actionType: "EVENT", config: {} });
  await seed.record("CONTACT", { firstName: "Tim", lastName: "Stamp" });
  const row = page.getByRole("row", { name: /Announce/ });
  await expect(async () => {
    await page.goto("/settings/automations/executions");
    await expect(row).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(row.locator("time").first()).toHaveText(/\d{1,2}:\d{2}:\d{2}( [AP]M)? \S+$/);
});

test("My tasks: a task without a due date has its own group, and is rescheduled in place", async ({ page, seed }) => {
  const contact = await seed.record("CONTACT", { firstName: "Dana", lastName: "Date" });
  await seed.activity({ activityType: "TASK", subject: "Someday call", recordType: "CONTACT", recordId: contact });
  await page.goto("/tasks");
  const undated = page.getByRole("list", { name: "No due date tasks" });
  await expect(undated.getByRole("listitem")).toContainText("Someday call");
  await undated.getByLabel("Due date of Someday call").fill("2031-05-20");
  await expect(page.getByText("Someday call is due May 20, 2031")).toBeVisible();
  const upcoming = page.getByRole("list", { name: "Upcoming tasks" });
  await expect(upcoming.getByRole("listitem").filter({ hasText: "Someday call" })).toBeVisible();
  await expect(upcoming.getByLabel("Due date of Someday call")).toHaveValue("2031-05-20");
  await expect(page.getByText("Every task has a due date.")).toBeVisible();
});

test("forecast bars are as long as their values", async ({ page, seed }) => {
  await seed.record("DEAL", { name: "Big one", amount: "40000", closeDate: "2031-03-10" });
  await seed.record("DEAL", { name: "Small one", amount: "10000", closeDate: "2031-04-10" });
  await page.goto("/reports");
  const forecast = page.getByRole("table", { name: /Forecast/ });
  const width = async (month: string) => (await forecast.getByRole("row", { name: new RegExp(`^${month}`) }).getByTestId("forecast-bar").boundingBox())!.width;
  await expect(forecast.getByRole("row", { name: /^March 2031/ })).toBeVisible();
  const ratio = (await width("March 2031")) / (await width("April 2031"));
  expect(ratio).toBeGreaterThan(3.8);
  expect(ratio).toBeLessThan(4.2);
});
