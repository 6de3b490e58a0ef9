// Email from a record, in a real browser against the real server and worker, with a real
// SMTP server on 127.0.0.1 started by the test: an admin writes a template, a rep connects
// their mailbox and composes from the template on a contact, the email lands in the SMTP
// server, and its open and a click show on the contact's timeline.
import { startTestSmtpServer, type TestSmtpServer } from "../lib/email/smtp-test-server";
import { expect, test } from "./workspace";

let smtp: TestSmtpServer;
test.beforeAll(async () => {
  smtp = await startTestSmtpServer({ username: "rep-mail@sales.test", password: "rep-app-password" });
});
test.afterAll(async () => {
  await smtp.close();
});

test("a rep composes from a template on a contact; the email arrives, and its open and click show on the timeline", async ({ page, seed, openAs }) => {
  test.slow();
  const contactId = await seed.record("CONTACT", { firstName: "Ada", lastName: "Lovelace", email: "ada@customer.example" });

  // the admin writes the template
  await page.goto("/settings/email-templates");
  await expect(page.getByText("No email templates yet.")).toBeVisible();
  await page.getByRole("button", { name: "New template" }).click();
  const tpl = page.getByRole("dialog", { name: "New email template" });
  await tpl.getByLabel("Name").fill("Pricing intro");
  await tpl.getByLabel("Subject").fill("Pricing for {{contact.firstName | you}}");
  await tpl.getByLabel("Body").fill("Hi {{contact.firstName | there}},\nour pricing: https://example.com/pricing\nBest, {{user.name}}");
  await tpl.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByRole("heading", { name: "Pricing intro" })).toBeVisible();

  // the rep connects a mailbox: first with a wrong password, which the check reports
  const rep = await openAs("sales_rep");
  const p = rep.page;
  await p.goto("/settings/email");
  await expect(p.getByText("No mailbox connected yet.")).toBeVisible();
  await p.getByRole("button", { name: "Connect a mailbox" }).click();
  const box = p.getByRole("dialog", { name: "Connect a mailbox" });
  await box.getByLabel("Email address").fill(smtp.username);
  await box.getByLabel("SMTP host").fill("127.0.0.1");
  await box.getByLabel("SMTP port").fill(String(smtp.port));
  await box.getByLabel("SMTP security").selectOption("NONE");
  await box.getByLabel("SMTP app password").fill("not-the-password");
  await box.getByRole("button", { name: "Connect mailbox" }).click();
  await expect(p.getByRole("status").filter({ hasText: "Last check failed" })).toContainText("refused the username or password");
  // a second mailbox is not what the rep wants: remove it and connect again with the right password
  await p.getByRole("button", { name: `Remove mailbox ${smtp.username}` }).click();
  await p.getByRole("dialog").getByRole("button", { name: "Remove mailbox" }).click();
  await expect(p.getByText("No mailbox connected yet.")).toBeVisible();
  await p.getByRole("button", { name: "Connect a mailbox" }).click();
  await box.getByLabel("Email address").fill(smtp.username);
  await box.getByLabel("SMTP host").fill("127.0.0.1");
  await box.getByLabel("SMTP port").fill(String(smtp.port));
  await box.getByLabel("SMTP security").selectOption("NONE");
  await box.getByLabel("SMTP app password").fill(smtp.password);
  await box.getByRole("button", { name: "Connect mailbox" }).click();
  await expect(p.getByRole("status").filter({ hasText: "Connection checked" })).toBeVisible();
  await expect(p.getByText(smtp.password)).toHaveCount(0);

  // compose from the template on the contact
  await p.goto(`/contacts/${contactId}`);
  await p.getByRole("button", { name: "Send email" }).click();
  const compose = p.getByRole("dialog", { name: "Send email" });
  await expect(compose.getByLabel("To")).toHaveValue("ada@customer.example");
  await compose.getByLabel("Template").selectOption({ label: "Pricing intro" });
  await expect(compose.getByLabel("Subject")).toHaveValue("Pricing for Ada");
  await expect(compose.getByLabel("Message")).toHaveValue(/^Hi Ada,\nour pricing: https:\/\/example\.com\/pricing\nBest, /);
  await expect(compose.getByLabel("Track opens and clicks", { exact: false })).toBeChecked();
  await compose.getByRole("button", { name: "Send email" }).click();
  await expect(compose).toBeHidden();

  // it lands in the SMTP server, sent by the worker
  const mail = await smtp.waitFor((m) => m.parsed.subject === "Pricing for Ada");
  expect(mail.envelope.to).toEqual(["ada@customer.example"]);
  expect(mail.parsed.text).toContain("Hi Ada,");
  const html = String(mail.parsed.html);
  const pixel = html.match(/<img src="([^"]+)"/)![1]!;
  const link = html.match(/<a href="([^"]+)">https:\/\/example\.com\/pricing<\/a>/)![1]!;

  // the recipient opens it and clicks the link
  expect((await p.request.get(pixel)).status()).toBe(200);
  const click = await p.request.get(link, { maxRedirects: 0 });
  expect(click.status()).toBe(302);
  expect(click.headers().location).toBe("https://example.com/pricing");
  // a tampered link goes nowhere
  expect((await p.request.get(`${link.slice(0, -3)}xyz`, { maxRedirects: 0 })).status()).toBe(404);

  const entry = p.getByRole("list", { name: "Timeline" }).getByRole("listitem").filter({ hasText: "Pricing for Ada" });
  const facts = entry.getByLabel("Email delivery and tracking");
  // the worker records the send just after the server accepted it, and the open and the
  // click are written behind their answers (within a tenth of a second): shown on a reload
  await expect(async () => {
    await p.reload();
    await expect(facts).toContainText("Sent", { timeout: 1000 });
    await expect(facts).toContainText("Opened once", { timeout: 1000 });
  }).toPass();
  await expect(entry).toContainText("sent an email");
  await expect(facts.getByRole("list", { name: "Links clicked" })).toContainText("Clicked https://example.com/pricing once");
});
