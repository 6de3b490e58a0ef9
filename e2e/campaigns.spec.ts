// Campaigns and sequences in a real browser against the real server and worker, with a
// real SMTP server on 127.0.0.1 started by the test: a manager sends a campaign to a list,
// the emails land with their one-click unsubscribe headers, a reader unsubscribes on the
// public page, and the campaign's figures show it; a rep enrolls a contact in a sequence
// from the contact's page and its first email arrives.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { startTestSmtpServer, type TestSmtpServer } from "../lib/email/smtp-test-server";
import { expect, test } from "./workspace";

let smtp: TestSmtpServer;
test.beforeAll(async () => {
  smtp = await startTestSmtpServer({ username: "news@camp.test", password: "news-app-password" });
});
test.afterAll(async () => {
  await smtp.close();
});

/** A shared mailbox on the test SMTP server, made through the REST API with the admin's session (the server encrypts its password). */
async function sharedMailbox(page: Page, address: string): Promise<string> {
  const res = await page.request.post("/api/v1/mailboxes", {
    data: { emailAddress: address, displayName: "Camp News", shared: true, smtpHost: "127.0.0.1", smtpPort: smtp.port, smtpSecurity: "NONE", smtpUsername: smtp.username, smtpPassword: smtp.password },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const headerOf = (lines: readonly { key: string; line: string }[], name: string) => {
  const line = lines.find((h) => h.key === name)?.line ?? "";
  return line.slice(line.indexOf(":") + 1).trim();
};

test("a manager sends a campaign to a list and sees its figures; a reader unsubscribes in one click", async ({ page, browser, seed, openAs }) => {
  test.slow();
  const run = Math.random().toString(36).slice(2, 8);
  const people = ["Ada", "Ben", "Cleo"].map((n) => ({ firstName: n, email: `${n.toLowerCase()}-${run}@reader.example` }));
  const ids = [];
  for (const p of people) ids.push(await seed.record("CONTACT", p));
  const listId = await seed.list({ name: `Readers ${run}`, objectType: "CONTACT", processingType: "STATIC" });
  await seed.addToList(listId, ids);
  await sharedMailbox(page, "news@camp.test");

  const manager = await openAs("manager");
  const p = manager.page;
  await p.goto("/campaigns");
  await expect(p.getByText("No campaigns yet.")).toBeVisible();
  await p.getByRole("button", { name: "New campaign" }).click();
  const dialog = p.getByRole("dialog", { name: "New campaign" });
  await dialog.getByLabel("Campaign name").fill("Spring news");
  await dialog.getByLabel("Send to list").selectOption({ label: `Readers ${run} (3)` });
  await dialog.getByLabel("Subject", { exact: true }).fill(`Spring ${run} for {{contact.firstName | you}}`);
  await dialog.getByLabel("Message").fill("Hello {{contact.firstName | there}},\nspring is here: https://example.com/spring");
  await dialog.getByRole("button", { name: "Save draft" }).click();
  await expect(p.getByRole("heading", { level: 1, name: "Spring news" })).toBeVisible();
  await p.getByRole("button", { name: "Send now" }).click();

  // the worker sends a batch: every reader's email lands, with RFC 8058 one-click headers
  const mails = await Promise.all(people.map((x) => smtp.waitFor((m) => m.parsed.subject === `Spring ${run} for ${x.firstName}`, 60_000)));
  expect(mails.map((m) => m.envelope.to[0]).sort()).toEqual(people.map((x) => x.email).sort());
  const ada = mails[0]!;
  expect(headerOf(ada.parsed.headerLines, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
  const unsubscribeUrl = /^<(.+)>$/.exec(headerOf(ada.parsed.headerLines, "list-unsubscribe"))![1]!;
  expect(ada.parsed.text).toContain(unsubscribeUrl);

  // the progress bar reaches the end and the figures count the sends
  await expect(p.getByRole("progressbar", { name: "Sending progress" })).toHaveAttribute("aria-valuenow", "100", { timeout: 30_000 });
  await expect(async () => {
    await p.reload();
    await expect(p.getByLabel("All Sent")).toHaveText("3", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(p.getByRole("table").filter({ hasText: "Contact" }).getByRole("row")).toHaveCount(4);

  // Ada follows the footer link: a page that asks first, then says it is done
  // the reader: a browser of their own, signed in nowhere
  const readerContext = await browser.newContext();
  const reader = await readerContext.newPage();
  await reader.goto(unsubscribeUrl);
  await expect(reader.getByRole("heading", { level: 1, name: "Unsubscribe" })).toBeVisible();
  await expect(reader.getByText(/a•••@reader\.example/)).toBeVisible();
  const { violations } = await new AxeBuilder({ page: reader }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await reader.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(reader.getByRole("heading", { level: 1, name: "You are unsubscribed" })).toBeVisible();
  await readerContext.close();
  // Ben's mail client unsubscribes him in one click, with no page
  const benUrl = /^<(.+)>$/.exec(headerOf(mails[1]!.parsed.headerLines, "list-unsubscribe"))![1]!;
  const oneClick = await p.request.post(benUrl, { headers: { "content-type": "application/x-www-form-urlencoded" }, data: "List-Unsubscribe=One-Click" });
  expect(oneClick.status()).toBe(200);

  await p.reload();
  await expect(p.getByLabel("All Unsubscribed")).toHaveText("2");
  await expect(p.getByRole("row").filter({ hasText: people[0]!.email })).toContainText("Unsubscribed");
});

test("a rep enrolls a contact in a sequence from the contact's page; its first email arrives", async ({ page, seed, openAs }) => {
  test.slow();
  const run = Math.random().toString(36).slice(2, 8);
  const contactId = await seed.record("CONTACT", { firstName: "Dora", lastName: "Demo", email: `dora-${run}@buyer.example` });
  const mailboxId = await sharedMailbox(page, "sequences@camp.test");
  const res = await page.request.post("/api/v1/sequences", {
    data: {
      name: `Demo follow-up ${run}`,
      mailboxId,
      steps: [
        { kind: "EMAIL", subject: `Nice to meet you, {{contact.firstName | there}} (${run})`, body: "Here is the deck: https://example.com/deck" },
        { kind: "TASK", delayDays: 2, subject: "Call Dora" },
      ],
    },
  });
  expect(res.status()).toBe(201);
  const sequenceId = ((await res.json()) as { id: string }).id;

  const rep = await openAs("sales_rep");
  const p = rep.page;
  await p.goto(`/contacts/${contactId}`);
  await p.getByRole("button", { name: "Enroll in sequence" }).click();
  const dialog = p.getByRole("dialog", { name: "Enroll in sequence" });
  await dialog.getByLabel("Sequence").selectOption({ label: `Demo follow-up ${run}` });
  await dialog.getByRole("button", { name: "Enroll" }).click();
  await expect(p.getByText("Enrolled: the first step is on its way")).toBeVisible();

  const mail = await smtp.waitFor((m) => m.parsed.subject === `Nice to meet you, Dora (${run})`, 60_000);
  expect(mail.envelope.to).toEqual([`dora-${run}@buyer.example`]);
  expect(headerOf(mail.parsed.headerLines, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");

  // the sequence's page: Dora is in it, waiting for step 2; the first step counts her email
  await p.goto(`/sequences/${sequenceId}`);
  await expect(p.getByRole("row").filter({ hasText: "Dora Demo" })).toContainText("Active");
  await expect(p.getByRole("row").filter({ hasText: "Dora Demo" })).toContainText("Step 2");
  await expect(async () => {
    await p.reload();
    await expect(p.getByRole("row").filter({ hasText: "1. Email" }).getByRole("cell").nth(2)).toHaveText("1", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  // enrolling her again is refused with the reason
  await p.goto(`/contacts/${contactId}`);
  await p.getByRole("button", { name: "Enroll in sequence" }).click();
  await p.getByRole("dialog", { name: "Enroll in sequence" }).getByRole("button", { name: "Enroll" }).click();
  await expect(p.getByRole("dialog", { name: "Enroll in sequence" })).toContainText("already in the sequence");
});
