// A shared mailbox made through the REST API with the admin's session (the server encrypts
// its password). Without an SMTP server of the test's, it points at a port nobody listens
// on: enough for what is never sent (a suppressed recipient, a draft being edited).
import type { Page } from "@playwright/test";
import { expect } from "./workspace";

export async function sharedMailbox(page: Page, address: string, smtp: { port: number; username: string; password: string } = { port: 1, username: "nobody", password: "x" }): Promise<string> {
  const res = await page.request.post("/api/v1/mailboxes", {
    data: { emailAddress: address, displayName: "Shared", shared: true, smtpHost: "127.0.0.1", smtpPort: smtp.port, smtpSecurity: "NONE", smtpUsername: smtp.username, smtpPassword: smtp.password },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}
