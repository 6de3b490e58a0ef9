// Every page of the app and its transient states (⌘K with a highlighted row, a toast, a
// dialog) has no serious or critical axe violation. The whole document is checked, not
// only #main: toasts and the palette render outside it.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./workspace";

/** The serious and critical violations on the page as it is now, one line per node. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  expect.soft(await seriousViolations(page), what).toEqual([]);
}

/** A record of every kind, a list, a task and an automation, made by the services for every test of `withData`. */
const withData = test.extend<{ data: Record<"companyId" | "contactId" | "dealId" | "leadId" | "ticketId" | "listId" | "automationId", string> }>({
  data: [async ({ seed }, provide) => {
    const companyId = await seed.record("COMPANY", { name: "Axe Industries", domain: "axe.example", industry: "Software" });
    const contactId = await seed.record("CONTACT", { firstName: "Ada", lastName: "Access", email: "ada@axe.example", companyId });
    const dealId = await seed.record("DEAL", { name: "Axe renewal", amount: "12000", closeDate: "2030-03-01", companyId });
    const leadId = await seed.record("LEAD", { firstName: "Lee", lastName: "Lead", companyName: "Lead Co" });
    const ticketId = await seed.record("TICKET", { subject: "Screen reader trouble", contactId });
    const listId = await seed.list({ name: "Accessible people", objectType: "CONTACT", processingType: "STATIC" });
    await seed.activity({
      activityType: "TASK", subject: "Call Ada back", recordType: "CONTACT", recordId: contactId, dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const { id: automationId } = await seed.automation({
      name: "Announce new contacts", entityType: "CONTACT", scopeType: "ENTITY", triggerEvent: "record.created", actionType: "EVENT", config: {},
    });
    // the EVENT rule runs for Eve: an execution to show
    await seed.record("CONTACT", { firstName: "Eve", lastName: "Event" });
    await provide({ companyId, contactId, dealId, leadId, ticketId, listId, automationId });
  }, { auto: true }],
});

withData("the analytics pages (workspace, quotas, the board as of a date, dashboards, team) have no serious or critical axe violations", async ({ page }) => {
  withData.slow();
  for (const url of ["/settings/workspace", "/settings/quotas", "/deals?asOf=2026-01-01&changes=1", "/dashboards", "/team", "/dashboards/records/deals"]) {
    await page.goto(url);
    await expect(page.locator("#main")).toBeVisible();
    await expectAccessible(page, url);
  }
  // a dashboard with its widgets drawn, one with its table view open
  await page.goto("/dashboards");
  await page.getByRole("link", { name: "Sales manager" }).click();
  await expect(page.getByRole("list", { name: "Widgets" }).getByRole("listitem")).toHaveCount(6);
  await page.getByRole("button", { name: "Show table: Pipeline by stage (weighted)" }).click();
  await expectAccessible(page, "/dashboards/<default>");
  await page.getByRole("button", { name: "Add widget" }).click();
  await expect(page.getByRole("dialog", { name: "Add a widget" })).toBeVisible();
  await expectAccessible(page, "/dashboards/<default> add widget");
});

withData("every page, with data, has no serious or critical axe violations", async ({ page, data }) => {
  withData.slow(); // some thirty pages, each analysed
  const { companyId, contactId, dealId, leadId, ticketId, listId, automationId } = data;
  const pages = [
    "/contacts", `/contacts/${contactId}`, "/companies", `/companies/${companyId}`,
    "/deals", "/deals?view=table", `/deals/${dealId}`, "/leads", `/leads/${leadId}`, "/tickets", `/tickets/${ticketId}`,
    "/lists", `/lists/${listId}`, "/tasks", "/reports", "/notifications", "/search?q=ada",
    "/settings", "/settings/users", "/settings/groups", "/settings/api-keys", "/settings/profile", "/settings/pipelines",
    "/settings/fields", "/settings/tags", "/settings/ai", "/settings/automations", "/settings/automations/new", `/settings/automations/${automationId}`,
    "/settings/automations/executions", "/settings/email", "/settings/email/suppression", "/settings/email-templates",
  ];
  for (const url of pages) {
    await page.goto(url);
    await expect(page.locator("#main")).toBeVisible();
    await expectAccessible(page, url);
  }

  // A pipeline's own settings page.
  await page.goto("/settings/pipelines");
  await page.getByRole("link", { name: /Sales Pipeline/ }).first().click();
  await expect(page).toHaveURL(/\/settings\/pipelines\/[0-9a-f-]{36}$/);
  await expectAccessible(page, "pipeline settings");
});

withData("the campaign and sequence pages have no serious or critical axe violations", async ({ page, data }) => {
  const mailbox = await page.request.post("/api/v1/mailboxes", { data: { emailAddress: "axe@axe.example", shared: true, smtpHost: "127.0.0.1", smtpPort: 1, smtpSecurity: "NONE", smtpUsername: "axe", smtpPassword: "axe-password" } });
  const mailboxId = ((await mailbox.json()) as { id: string }).id;
  const campaign = await page.request.post("/api/v1/campaigns", { data: { name: "Axe news", mailboxId, listId: data.listId, subject: "Hello", subjectB: "Hi", splitPercent: 20, body: "Hi there" } });
  const sequence = await page.request.post("/api/v1/sequences", { data: { name: "Axe follow-up", mailboxId, steps: [{ kind: "EMAIL", subject: "Hi", body: "Hello" }, { kind: "TASK", delayDays: 1, subject: "Call" }] } });
  const campaignId = ((await campaign.json()) as { id: string }).id;
  const sequenceId = ((await sequence.json()) as { id: string }).id;
  await page.request.post(`/api/v1/sequences/${sequenceId}/enrollments`, { data: { contactId: data.contactId } });
  for (const url of ["/campaigns", `/campaigns/${campaignId}`, "/sequences", `/sequences/${sequenceId}`]) {
    await page.goto(url);
    await expect(page.locator("#main")).toBeVisible();
    await expectAccessible(page, url);
  }
  await page.goto("/campaigns");
  await page.getByRole("button", { name: "New campaign" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectAccessible(page, "the new campaign dialog");
  await page.goto("/sequences");
  await page.getByRole("button", { name: "New sequence" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectAccessible(page, "the new sequence dialog");
});

withData("a dry run's result, its request shown in a code block, has no serious or critical axe violations", async ({ page, data }) => {
  await page.goto(`/settings/automations/${data.automationId}`);
  const dry = page.getByRole("form", { name: "Dry run" });
  await dry.getByLabel("Event").selectOption("record.created");
  await dry.getByRole("combobox", { name: "Dry run record" }).fill("Ada");
  await page.getByRole("option", { name: /Ada Access/ }).click();
  await dry.getByRole("button", { name: "Run dry run" }).click();
  await expect(page.getByRole("list", { name: "Dry run results" }).getByRole("listitem").first()).toBeVisible();
  await expectAccessible(page, "dry run results");
});

withData("an automation execution's page has no serious or critical axe violations", async ({ page }) => {
  const execution = page.getByRole("link", { name: /^Execution / }).first();
  await expect(async () => {
    await page.goto("/settings/automations/executions");
    await expect(execution).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await execution.click();
  await expect(page.getByRole("heading", { level: 1, name: /^Execution of/ })).toBeVisible();
  await expectAccessible(page, "execution page");
});

withData("⌘K open with a highlighted row has no serious or critical axe violations", async ({ page }) => {
  await page.goto("/contacts");
  await page.keyboard.press("Control+K");
  const palette = page.getByRole("dialog", { name: "Search and go to" });
  await palette.getByRole("combobox").fill("ada");
  await expect(palette.getByRole("option", { name: /Ada Access/ })).toHaveAttribute("aria-selected", "true");
  await expectAccessible(page, "⌘K with a highlighted row");
  await page.keyboard.press("Escape");
});

withData("a success toast has no serious or critical axe violations", async ({ page }) => {
  await page.goto("/tasks");
  await page.getByRole("checkbox", { name: "Complete Call Ada back" }).check();
  await expect(page.locator("[data-sonner-toast]").first()).toBeVisible();
  await expectAccessible(page, "a success toast");
});

test("an open dialog has no serious or critical axe violations", async ({ page }) => {
  await page.goto("/lists");
  await page.getByRole("button", { name: "New list" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectAccessible(page, "a dialog");
});

test("the board shows whether live updates are on, to everyone", async ({ page }) => {
  await page.goto("/deals");
  const live = page.getByTestId("live-status");
  await expect(live).toHaveText("Live updates on");
  // not a 1 px screen-reader-only box: a label anyone can read
  await expect.poll(async () => (await live.boundingBox())?.width ?? 0).toBeGreaterThan(60);
  await expect.poll(async () => (await live.boundingBox())?.height ?? 0).toBeGreaterThan(10);
  await expect(live).toBeInViewport();
});
