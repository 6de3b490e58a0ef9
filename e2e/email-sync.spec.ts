// Receiving email, in a real browser against the real server and worker, with a real IMAP
// server (a private Dovecot on 127.0.0.1, lib/email/imap-test-server.ts) and SMTP server
// started by the test: a rep connects a mailbox with IMAP, a message from a contact is
// appended to its INBOX, "Sync now" has the worker sync it, the ledger counts it, and it
// shows on the contact's timeline, where it opens with its remote images held back.
import { rawMessage, startTestImapServer, type TestImapServer } from "../lib/email/imap-test-server";
import { startTestSmtpServer, type TestSmtpServer } from "../lib/email/smtp-test-server";
import { expect, test } from "./workspace";

let imap: TestImapServer;
let smtp: TestSmtpServer;
test.beforeAll(async () => {
  imap = await startTestImapServer({ username: "rep-inbox@sales.test", password: "imap-app-password" });
  smtp = await startTestSmtpServer({ username: "rep-inbox@sales.test", password: "imap-app-password" });
});
test.afterAll(async () => {
  await imap?.close();
  await smtp?.close();
});

test("a message appended to the IMAP mailbox shows on the contact's timeline after Sync now, and in the ledger", async ({ seed, openAs }) => {
  test.slow();
  const contactId = await seed.record("CONTACT", { firstName: "Grace", lastName: "Hopper", email: "grace@navy.example" });
  await imap.append(
    "INBOX",
    rawMessage({
      from: "Grace Hopper <grace@navy.example>",
      to: "rep-inbox@sales.test",
      subject: "Compiler question",
      text: "Hello, a question about COBOL.",
      html: '<p>Hello, a question about <b>COBOL</b>.</p><img alt="logo" src="https://127.0.0.1:9/logo.png">',
      messageId: `<cobol-${Date.now()}@navy.example>`,
    }),
  );
  await imap.append("INBOX", rawMessage({ from: "someone@unknown.example", to: "rep-inbox@sales.test", subject: "Not a contact", text: "hi", messageId: `<unknown-${Date.now()}@unknown.example>` }));

  const { page: p } = await openAs("sales_rep");
  await p.goto("/settings/email");
  await p.getByRole("button", { name: "Connect a mailbox" }).click();
  const box = p.getByRole("dialog", { name: "Connect a mailbox" });
  await box.getByLabel("Email address").fill("rep-inbox@sales.test");
  await box.getByLabel("SMTP host").fill("127.0.0.1");
  await box.getByLabel("SMTP port").fill(String(smtp.port));
  await box.getByLabel("SMTP security").selectOption("NONE");
  await box.getByLabel("SMTP app password").fill(smtp.password);
  await box.getByText("Receiving (IMAP, optional)").click();
  await box.getByLabel("IMAP host").fill("127.0.0.1");
  await box.getByLabel("IMAP port").fill(String(imap.port));
  await box.getByLabel("IMAP security").selectOption("NONE");
  await box.getByRole("button", { name: "Connect mailbox" }).click();
  await expect(box).toBeHidden();

  const ledger = p.getByRole("region", { name: "Sync ledger of rep-inbox@sales.test" });
  await expect(ledger.getByText("Not synced yet")).toBeVisible();
  await ledger.getByRole("button", { name: "Sync rep-inbox@sales.test now" }).click();
  // the worker runs it; the page refreshes while it does
  await expect(ledger.getByTestId("ledger-matched-to-records")).toHaveText("1", { timeout: 30_000 });
  await expect(ledger.getByTestId("ledger-fetched")).toHaveText("2");
  await expect(ledger.getByTestId("ledger-skipped-no-matching-contact")).toHaveText("1");
  await expect(ledger.getByText("Syncing")).toBeVisible();

  const imageRequests: string[] = [];
  p.on("request", (r) => {
    if (r.url().startsWith("https://127.0.0.1:9/")) imageRequests.push(r.url());
  });
  await p.goto(`/contacts/${contactId}`);
  const timeline = p.getByRole("list", { name: "Timeline" });
  await expect(timeline.getByText("Email received: Compiler question")).toBeVisible();
  await expect(timeline.getByText("From Grace Hopper <grace@navy.example>")).toBeVisible();
  await timeline.getByRole("button", { name: "Open email Compiler question" }).click();
  const dialog = p.getByRole("dialog", { name: "Compiler question" });
  const frame = dialog.frameLocator("iframe");
  await expect(frame.locator("b")).toHaveText("COBOL");
  // the remote image waits for "Show images": not even requested before
  await expect(frame.locator("img")).not.toHaveAttribute("src", /https:/);
  expect(imageRequests).toEqual([]);
  const requested = p.waitForRequest("https://127.0.0.1:9/logo.png");
  await dialog.getByRole("button", { name: "Show images" }).click();
  await expect(frame.locator("img")).toHaveAttribute("src", "https://127.0.0.1:9/logo.png");
  await requested; // the frame's CSP lets it load
  await expect(dialog.getByRole("button", { name: "Show images" })).toBeHidden();
});
