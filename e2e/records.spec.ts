import type { Page } from "@playwright/test";
import { expect, test } from "./workspace";

const RECORD_URL = /\/(companies|contacts|deals|tickets)\/[0-9a-f-]{36}$/;

async function createCompany(page: Page, name: string, domain: string) {
  await page.goto("/companies/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Domain").fill(domain);
  await page.getByRole("button", { name: "Create company" }).click();
}

test("a company is created with its domain; a second company with the same domain is refused on that field", async ({ page }) => {
  const domain = `acme-${Date.now()}.test`;
  await createCompany(page, "Acme Rockets", domain);
  await expect(page).toHaveURL(RECORD_URL);
  await expect(page.getByRole("heading", { level: 1, name: "Acme Rockets" })).toBeVisible();
  await createCompany(page, "Acme Copy", domain.toUpperCase());
  await expect(page.getByRole("alert").filter({ hasText: "is already used by another company" })).toBeVisible();
  await expect(page.getByLabel("Domain")).toHaveAttribute("aria-invalid", "true");
});

test("a contact is created in a company picked by searching; the email is checked as it is typed", async ({ page, seed }) => {
  await seed.record("COMPANY", { name: "Acme Rockets", domain: "acme.test" });
  await page.goto("/contacts/new");
  await page.getByLabel("First name").fill("Jane");
  await page.getByLabel("Last name").fill("Doe");
  await page.getByLabel("Email").fill("not-an-email");
  await expect(page.getByRole("alert").filter({ hasText: "must be an email address" })).toBeVisible(); // validated as you type
  await page.getByLabel("Email").fill("jane@acme.test");
  await page.getByRole("combobox", { name: "Company" }).fill("Acme Ro");
  await page.getByRole("option", { name: /Acme Rockets/ }).click();
  await expect(page.getByRole("combobox", { name: "Company" })).toHaveValue("Acme Rockets");
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page).toHaveURL(RECORD_URL);
  await expect(page.getByRole("heading", { level: 1, name: "Jane Doe" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Company" }).getByRole("link", { name: "Acme Rockets" })).toBeVisible();
});

test("a call logged on a contact tops its timeline, with its notes", async ({ page, seed }) => {
  await page.goto(`/contacts/${await seed.record("CONTACT", { firstName: "Jane", lastName: "Doe" })}`);
  await page.getByLabel("Subject").fill("Intro call");
  await page.getByLabel("Notes").fill("Talked about the launch window");
  await page.getByRole("button", { name: "Log call" }).click();
  const timeline = page.getByRole("list", { name: "Timeline" });
  await expect(timeline.getByRole("listitem").first()).toContainText("Ada Admin logged a call: Intro call");
  await expect(timeline.getByRole("listitem").first()).toContainText("Talked about the launch window");
});

test("a follower's bell counts another member's edit without a reload; marking it read clears the bell", async ({ page, seed, openAs }) => {
  const contactUrl = `/contacts/${await seed.record("CONTACT", { firstName: "Jane", lastName: "Doe" })}`;
  await page.goto(contactUrl);
  await page.getByRole("button", { name: "Follow", exact: true }).click();
  await expect(page.getByRole("button", { name: "Unfollow" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Followers" })).toContainText("Ada Admin");
  await expect(page.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();

  // Rita, a sales rep, changes Jane's job title in her own browser.
  const { context: repContext, page: rep } = await openAs("sales_rep");
  await rep.goto(contactUrl);
  await rep.getByRole("button", { name: "Edit Job title" }).click();
  await rep.getByRole("textbox", { name: "Job title" }).fill("VP Sales");
  await rep.getByRole("textbox", { name: "Job title" }).press("Enter");
  await expect(rep.getByText("Changes saved")).toBeVisible();
  await expect(rep.getByRole("list", { name: "Timeline" }).getByRole("listitem").first()).toContainText("Rita Rep changed a field");
  await expect(rep.getByRole("list", { name: "Timeline" }).getByRole("listitem").first()).toContainText("Job title: (empty) → VP Sales");
  await repContext.close();

  // Ada's bell counts it without a reload: the worker writes the notification, the live stream says so.
  await expect(page.getByRole("button", { name: "Notifications, 1 unread" })).toBeVisible();
  await page.getByRole("button", { name: "Notifications, 1 unread" }).click();
  const item = page.getByRole("menuitem", { name: /Jane Doe was changed/ });
  await expect(item).toContainText("Job title: (empty) → VP Sales · by Rita Rep");

  // The list page shows it unread; marking it read clears the bell.
  await page.getByRole("menuitem", { name: "See all notifications" }).click();
  await expect(page).toHaveURL(/\/notifications$/);
  const list = page.getByRole("list", { name: "Notifications" });
  await expect(list.getByRole("listitem").first()).toContainText("Unread");
  await list.getByRole("button", { name: "Mark read: Jane Doe was changed" }).click();
  await expect(page.getByText("All caught up")).toBeVisible();
  await expect(page.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();
});

test.describe("a deal's record page", () => {
  test.beforeEach(async ({ page, seed }) => {
    await page.goto(`/deals/${await seed.record("DEAL", { name: "Rocket fuel contract", amount: "12500" })}`);
  });
  const stages = (page: Page) => page.getByRole("list", { name: "Stages of Sales Pipeline" });
  const history = (page: Page) => page.getByRole("list", { name: "Stage history" });

  test("the stage picker moves the deal; the stage history and the timeline show the stay", async ({ page }) => {
    await expect(stages(page).locator('[aria-current="step"]')).toContainText("Prospecting");
    await stages(page).getByRole("button", { name: "Move to Qualification" }).click();
    await expect(stages(page).locator('[aria-current="step"]')).toContainText("Qualification");
    await expect(history(page).getByRole("listitem")).toHaveCount(2);
    await expect(history(page).getByRole("listitem").first()).toContainText("Qualification");
    await expect(history(page).getByRole("listitem").first()).toContainText("(current)");
    await expect(history(page).getByRole("listitem").nth(1)).toContainText("Prospecting");
    await expect(page.getByRole("list", { name: "Timeline" })).toContainText("moved it from Prospecting to Qualification");
  });

  test("a move to Closed Lost asks why; the reason shows in the stage history", async ({ page }) => {
    await stages(page).getByRole("button", { name: "Move to Closed Lost" }).click();
    const dialog = page.getByRole("dialog", { name: "Why was this deal lost?" });
    await dialog.getByRole("button", { name: "Move to Closed Lost" }).click();
    await expect(dialog.getByRole("alert")).toHaveText("Lost reason is required");
    await dialog.getByLabel("Lost reason").fill("Went with a competitor");
    await dialog.getByRole("button", { name: "Move to Closed Lost" }).click();
    await expect(stages(page).locator('[aria-current="step"]')).toContainText("Closed Lost");
    await expect(history(page).getByRole("listitem").first()).toContainText("Went with a competitor");
  });

  test("a task created on the deal shows on My tasks and is completed there", async ({ page }) => {
    await page.getByRole("tab", { name: "Create task" }).click();
    await page.getByRole("textbox", { name: "Task", exact: true }).fill("Send the post-mortem");
    await page.getByLabel("Due", { exact: true }).fill("2030-01-15T10:00");
    await page.getByRole("button", { name: "Create task" }).click();
    await expect(page.getByRole("list", { name: "Timeline" }).getByRole("listitem").first()).toContainText("created a task: Send the post-mortem");
    await page.goto("/tasks");
    const upcoming = page.getByRole("list", { name: "Upcoming tasks" });
    await expect(upcoming.getByRole("link", { name: "Rocket fuel contract" })).toBeVisible();
    await upcoming.getByRole("checkbox", { name: "Complete Send the post-mortem" }).check();
    await expect(page.getByText("Task completed")).toBeVisible();
    await expect(page.getByText("Nothing upcoming.")).toBeVisible();
  });
});

test("an ENFORCED pipeline refuses a skipped stage and says which are allowed", async ({ page, seed }) => {
  await page.goto(`/tickets/${await seed.record("TICKET", { subject: "Printer on fire" })}`);
  const stages = page.getByRole("list", { name: "Stages of Support" });
  await stages.getByRole("button", { name: /Move to Resolved/ }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Enforced" })).toContainText("In Progress");
  await expect(stages.locator('[aria-current="step"]')).toContainText("New");
  // An admin may force it, with a reason.
  await page.getByRole("button", { name: "Force move…" }).click();
  const dialog = page.getByRole("dialog", { name: "Force a move" });
  await dialog.getByLabel("Move to").selectOption({ label: "Resolved" });
  await dialog.getByLabel("Reason for the override").fill("Customer confirmed by phone");
  await dialog.getByRole("button", { name: "Force move" }).click();
  await expect(stages.locator('[aria-current="step"]')).toContainText("Resolved");
  await expect(page.getByRole("list", { name: "Stage history" }).getByRole("listitem").first()).toContainText("forced: Customer confirmed by phone");
});

test("My tasks in the nav: the overdue count, the groups, and a recurring task's next occurrence", async ({ page, seed }) => {
  const id = await seed.record("CONTACT", { firstName: "Tess", lastName: "Task" });
  const due = new Date(Date.now() - 2 * 86_400_000).toISOString();
  await seed.activity({ activityType: "TASK", subject: "Weekly check-in", recordType: "CONTACT", recordId: id, dueAt: due, recurrenceRule: "FREQ=WEEKLY;COUNT=3" });

  await page.goto("/contacts");
  const link = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My tasks" });
  await expect(link).toContainText("1 overdue");
  await link.click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(link).toHaveAttribute("aria-current", "page");
  const overdue = page.getByRole("list", { name: "Overdue tasks" });
  await expect(overdue.getByRole("listitem")).toContainText("Repeats");
  await expect(overdue.getByRole("link", { name: "Tess Task" })).toBeVisible();
  await overdue.getByRole("checkbox", { name: "Complete Weekly check-in" }).check();
  await expect(page.getByText(/Task completed; the next one is due/)).toBeVisible();
  // The next occurrence, a week after the last due date, is upcoming; nothing is overdue any more.
  await expect(page.getByText("Nothing overdue.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Upcoming tasks" }).getByRole("listitem").filter({ hasText: "Weekly check-in" })).toBeVisible();
  await expect(link).not.toContainText("overdue");
});
