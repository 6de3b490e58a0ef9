import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { expect, test, type Seed } from "./workspace";

/** A real HTTP receiver on 127.0.0.1 that records every delivery and answers `status`. */
async function startReceiver() {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const receiver = { status: 200, received, url: "", server: null as Server | null };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(receiver.status, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: receiver.status < 300 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.server = server;
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/stageline`;
  return receiver;
}
type Receiver = Awaited<ReturnType<typeof startReceiver>>;

const stop = (server: Server | null) => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));

/** Each test that needs one gets its own receiver, closed after it. */
const withReceiver = test.extend<{ receiver: Receiver }>({
  receiver: async ({}, provide) => {
    const receiver = await startReceiver();
    await provide(receiver);
    await stop(receiver.server);
  },
});

/** The headers standardwebhooks' verify expects, from a Node request's headers. */
const signatureHeaders = (h: IncomingHttpHeaders) => ({
  "webhook-id": String(h["webhook-id"]),
  "webhook-timestamp": String(h["webhook-timestamp"]),
  "webhook-signature": String(h["webhook-signature"]),
});

/** A WEBHOOK automation on entering a stage of the default deal pipeline, with a header of its own, made by the services. */
async function webhookAutomation(seed: Seed, opts: { name: string; stage: string; url: string }) {
  const { stages } = await seed.pipeline("DEAL");
  const made = await seed.automation({
    name: opts.name,
    entityType: "DEAL",
    scopeType: "PIPELINE_STAGE",
    stageId: stages[opts.stage],
    triggerEvent: "stage.entered",
    actionType: "WEBHOOK",
    config: { url: opts.url, headers: { "X-Stageline-Test": "e2e" } },
  });
  return { url: `/settings/automations/${made.id}`, secret: made.webhookSecret! };
}

/** The automation page's log, re-read until its newest execution shows `status`. */
async function expectLatestExecution(page: Page, status: string, responseCode: string) {
  const rows = page.getByRole("region", { name: "Recent executions" }).getByRole("row");
  await expect(async () => {
    await page.reload();
    await expect(rows.nth(1)).toContainText(status, { timeout: 1000 });
    await expect(rows.nth(1).getByTestId("response-code")).toHaveText(responseCode, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
}

test("an admin makes a webhook automation with the form: the URL is checked as typed, the signing secret is shown once", async ({ page }) => {
  await page.goto("/settings/automations");
  await page.getByRole("link", { name: "New automation" }).click();
  const form = page.getByRole("form", { name: "New automation" });
  await form.getByLabel("Name", { exact: true }).fill("Tell billing about proposals");
  await form.getByLabel("Records").selectOption("DEAL");
  await form.getByLabel("Scope").selectOption("PIPELINE_STAGE");
  await form.getByLabel("Stage", { exact: true }).selectOption({ label: "Proposal" });
  await form.getByLabel("Trigger").selectOption("stage.entered");
  await form.getByRole("radio", { name: "Webhook" }).check();
  await form.getByRole("textbox", { name: "URL" }).fill("not a url");
  // Validated as you type, with the backend's schema.
  await expect(form.getByText("must be an http(s) URL")).toBeVisible();
  await form.getByRole("textbox", { name: "URL" }).fill("https://example.com/hooks/billing");
  await expect(form.getByText("must be an http(s) URL")).toBeHidden();
  await form.getByRole("button", { name: "Add header" }).click();
  await form.getByLabel("Header 1 name").fill("X-Stageline-Test");
  await form.getByLabel("Header 1 value").fill("e2e");
  await form.getByRole("button", { name: "Create automation" }).click();

  const secretField = page.getByRole("textbox", { name: "Signing secret" });
  await expect(secretField).toHaveValue(/^whsec_/);
  await expect(page.getByRole("status")).toContainText("shown only once");
  const secret = await secretField.inputValue();
  await page.getByRole("button", { name: "I have copied it" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tell billing about proposals" })).toBeVisible();
  await expect(page).toHaveURL(/\/settings\/automations\/[0-9a-f-]{36}$/);
  // Shown once: after a reload the secret is nowhere on the page.
  await page.reload();
  expect(await page.content()).not.toContain(secret);
  const axe = await new AxeBuilder({ page }).include("#main").analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});

test("the automations list shows a webhook's stage, trigger and last run, enabled; it warns that webhooks may reach private networks", async ({ page, seed }) => {
  await webhookAutomation(seed, { name: "Tell billing about proposals", stage: "Proposal", url: "https://example.com/hooks/billing" });
  await page.goto("/settings/automations");
  // The e2e server runs with WEBHOOK_ALLOW_PRIVATE_NETWORKS=1 (playwright.config.ts): the page says so.
  await expect(page.getByRole("alert").filter({ hasText: "Webhooks may reach private networks on this server" })).toBeVisible();
  const row = page.getByRole("row", { name: /Tell billing about proposals/ });
  await expect(row).toContainText("Sales Pipeline › Proposal");
  await expect(row).toContainText("Stage entered");
  await expect(row).toContainText("Never");
  await expect(row.getByRole("switch", { name: "Enabled: Tell billing about proposals" })).toBeChecked();
});

withReceiver("a dry run shows the exact signed request for a chosen record, and sends nothing", async ({ page, seed, receiver }) => {
  const dealId = await seed.record("DEAL", { name: "Hooked renewal", amount: "2500" });
  const automation = await webhookAutomation(seed, { name: "Tell billing about proposals", stage: "Proposal", url: receiver.url });
  await page.goto(automation.url);
  const dry = page.getByRole("form", { name: "Dry run" });
  await expect(dry.getByLabel("Event")).toHaveValue("stage.entered");
  await dry.getByRole("combobox", { name: "Dry run record" }).fill("Hooked");
  await page.getByRole("option", { name: /Hooked renewal/ }).click();
  await dry.getByRole("button", { name: "Run dry run" }).click();
  const results = page.getByRole("list", { name: "Dry run results" });
  const item = results.getByRole("listitem").filter({ hasText: "Tell billing about proposals" });
  await expect(item).toContainText("Would fire");
  await expect(item).toContainText(`POST ${receiver.url}`);
  await expect(item).toContainText(/x-stageline-test: e2e/i);
  await expect(item).toContainText(/webhook-signature: v1,/);
  await expect(item).toContainText("Signed with a throwaway secret made for this dry run");
  await expect(item).toContainText(dealId);
  expect(receiver.received).toHaveLength(0);
  await expect(page.getByRole("region", { name: "Recent executions" })).toContainText("No executions match.");
});

withReceiver("a deal entering the stage on its record page delivers one request, signed with the automation's secret", async ({ page, seed, receiver }) => {
  withReceiver.slow(); // a build-and-deliver round trip through the worker
  const dealId = await seed.record("DEAL", { name: "Hooked renewal", amount: "2500" });
  const { secret } = await webhookAutomation(seed, { name: "Tell billing about proposals", stage: "Proposal", url: receiver.url });
  await page.goto(`/deals/${dealId}`);
  await page.getByRole("list", { name: "Stages of Sales Pipeline" }).getByRole("button", { name: "Move to Proposal" }).click();
  await expect(page.getByRole("list", { name: "Stages of Sales Pipeline" }).locator('[aria-current="step"]')).toContainText("Proposal");
  await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBe(1);
  const delivery = receiver.received[0]!;
  expect(delivery.headers["x-stageline-test"]).toBe("e2e");
  const payload = new Webhook(secret).verify(delivery.body, signatureHeaders(delivery.headers)) as { type: string; data: { entityId: string } };
  expect(payload.data.entityId).toBe(dealId);
  expect(() => new Webhook(secret).verify(delivery.body.replace(dealId, "tampered"), signatureHeaders(delivery.headers))).toThrow();
});

withReceiver("a delivered webhook shows in the automation's log and on its execution page; the log of all automations filters by status", async ({ page, seed, receiver }) => {
  withReceiver.slow();
  const dealId = await seed.record("DEAL", { name: "Hooked renewal", amount: "2500" });
  const automation = await webhookAutomation(seed, { name: "Tell billing about proposals", stage: "Proposal", url: receiver.url });
  await seed.move("DEAL", dealId, "Proposal");
  await page.goto(automation.url);
  await expectLatestExecution(page, "Succeeded", "200");
  // The detail page: request, response code, one attempt.
  await page.getByRole("region", { name: "Recent executions" }).getByRole("link", { name: /^Execution succeeded/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Execution of Tell billing about proposals" })).toBeVisible();
  await expect(page.getByTestId("execution-response-code")).toHaveText("200");
  await expect(page.getByRole("region", { name: "Request" })).toContainText(receiver.url);
  await expect(page.getByRole("region", { name: "Attempts" }).getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Retry" })).toHaveCount(0);

  await page.goto("/settings/automations/executions");
  await expect(page.getByRole("row", { name: /Tell billing about proposals/ })).toContainText("Succeeded");
  await page.getByRole("form", { name: "Filter executions" }).getByLabel("Status").selectOption("FAILED");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/status=FAILED/);
  await expect(page.getByText("No executions match.")).toBeVisible();
});

withReceiver("a receiver answering 400 gives a FAILED execution after one attempt; after the fix, Retry delivers the same request", async ({ page, seed, receiver }) => {
  withReceiver.slow();
  receiver.status = 400;
  const dealId = await seed.record("DEAL", { name: "Refused renewal", amount: "2500" });
  const automation = await webhookAutomation(seed, { name: "Strict receiver", stage: "Negotiation", url: receiver.url });
  await seed.move("DEAL", dealId, "Negotiation");
  await page.goto(automation.url);

  await expectLatestExecution(page, "Failed", "400");
  expect(receiver.received).toHaveLength(1);
  await page.getByRole("region", { name: "Recent executions" }).getByRole("link", { name: /^Execution failed/ }).click();
  await expect(page.getByRole("region", { name: "Error" })).toBeVisible();
  await expect(page.getByTestId("execution-response-code")).toHaveText("400");

  receiver.status = 204;
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("execution-response-code")).toHaveText("204", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole("button", { name: "Retry" })).toHaveCount(0);
  expect(receiver.received).toHaveLength(2);
  // A retry is the same delivery: the same webhook-id.
  expect(receiver.received[1]!.headers["webhook-id"]).toBe(receiver.received[0]!.headers["webhook-id"]);
  await page.goto(automation.url);
  await expectLatestExecution(page, "Succeeded", "204");
});

test("Settings → AI: the key is write-only; the page says only whether one is set", async ({ page }) => {
  await page.goto("/settings/ai");
  const ai = page.getByRole("form", { name: "AI settings" });
  await ai.getByLabel("Base URL").fill("http://127.0.0.1:9/v1");
  await ai.getByLabel("Model").fill("tiny-model");
  await ai.getByLabel("API key").fill("sk-e2e-secret");
  await ai.getByRole("button", { name: "Save AI settings" }).click();
  await expect(ai.getByText("A key is set")).toBeVisible();
  await page.reload();
  await expect(ai.getByLabel("Model")).toHaveValue("tiny-model");
  await expect(ai.getByText("A key is set")).toBeVisible();
  expect(await page.content()).not.toContain("sk-e2e-secret");
});

test("Settings → AI: the key stays with its origin, so a new base URL saved without a key leaves none; Clear key removes it", async ({ page }) => {
  await page.goto("/settings/ai");
  const ai = page.getByRole("form", { name: "AI settings" });
  await ai.getByLabel("Base URL").fill("http://127.0.0.1:9/v1");
  await ai.getByLabel("Model").fill("tiny-model");
  await ai.getByLabel("API key").fill("sk-e2e-secret");
  await ai.getByRole("button", { name: "Save AI settings" }).click();
  await expect(ai.getByText("A key is set")).toBeVisible();

  await ai.getByLabel("Base URL").fill("http://127.0.0.2:9/v1");
  await expect(ai.getByText("The base URL is on another origin")).toBeVisible();
  await ai.getByRole("button", { name: "Save AI settings" }).click();
  await expect(ai.getByLabel("API key")).toBeVisible();
  await page.reload();
  await expect(ai.getByText("A key is set")).toHaveCount(0);
  await ai.getByLabel("API key").fill("sk-e2e-secret");
  await ai.getByRole("button", { name: "Save AI settings" }).click();
  await expect(ai.getByText("A key is set")).toBeVisible();
  await ai.getByRole("button", { name: "Clear key" }).click();
  await ai.getByRole("button", { name: "Save AI settings" }).click();
  await expect(ai.getByLabel("API key")).toBeVisible();
  await page.reload();
  await expect(ai.getByText("A key is set")).toHaveCount(0);
});

test("a manager sees automations read-only, without the receiver's header values", async ({ seed, openAs }) => {
  await webhookAutomation(seed, { name: "Read-only check", stage: "Qualification", url: "https://example.com/hook" });
  const { page: manager } = await openAs("manager");
  await manager.goto("/settings/automations");
  const row = manager.getByRole("row", { name: /Read-only check/ });
  await expect(row).toContainText("On");
  await expect(manager.getByRole("switch")).toHaveCount(0);
  await expect(manager.getByRole("link", { name: "New automation" })).toHaveCount(0);
  await row.getByRole("link", { name: "Read-only check" }).click();
  await expect(manager.getByRole("heading", { level: 1, name: "Read-only check" })).toBeVisible();
  await expect(manager.getByLabel("Name", { exact: true })).toBeDisabled();
  // The receiver's header value is the admins' to see.
  await expect(manager.getByLabel("Header 1 value")).toHaveValue("••••••");
  await expect(manager.getByRole("button", { name: "Save automation" })).toHaveCount(0);
  await expect(manager.getByRole("button", { name: /^Delete/ })).toHaveCount(0);
  await expect(manager.getByRole("button", { name: /Rotate secret/ })).toHaveCount(0);
});

test("a manager is told that the AI settings and new automations are the admins'", async ({ openAs }) => {
  const { page: manager } = await openAs("manager");
  await manager.goto("/settings/ai");
  await expect(manager.getByText("Only admins can see and change the AI settings")).toBeVisible();
  await manager.goto("/settings/automations/new");
  await expect(manager.getByText("Only admins can create and change automations")).toBeVisible();
  await expect(manager.getByRole("button", { name: "Create automation" })).toHaveCount(0);
});

test("a sales rep is refused the automations", async ({ seed, openAs }) => {
  await webhookAutomation(seed, { name: "Read-only check", stage: "Qualification", url: "https://example.com/hook" });
  const { page: rep } = await openAs("sales_rep");
  await rep.goto("/settings/automations");
  await expect(rep.getByText("Only admins and managers can see automations")).toBeVisible();
  await expect(rep.getByRole("row", { name: /Read-only check/ })).toHaveCount(0);
});
