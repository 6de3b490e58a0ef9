// Mailboxes against a real SMTP server on 127.0.0.1: the password stored encrypted and
// never returned, the connection check's clear errors, and who may see and change which.
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { checkMailbox, createMailbox, deleteMailbox, listMailboxes, updateMailbox } from "./mailboxes";
import { startSilentServer, startTestSmtpServer, type TestSmtpServer } from "./smtp-test-server";

let smtp: TestSmtpServer;
let owner: postgres.Sql;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  owner = postgres(inject("ownerUrl"), { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  await smtp.close();
  await owner.end();
});

const settings = (over: Record<string, unknown> = {}) => ({
  emailAddress: smtp.username,
  smtpHost: "127.0.0.1",
  smtpPort: smtp.port,
  smtpSecurity: "NONE" as const,
  smtpUsername: smtp.username,
  smtpPassword: smtp.password,
  ...over,
});

describe("mailboxes", () => {
  it("stores the password encrypted, never returns it, and sends a test email through the server", async () => {
    const t = await makeTenant();
    const rep = await makeMember(t.tenantId, "sales_rep");
    const box = await createMailbox(rep.ctx, settings({ imapHost: "127.0.0.1", imapPort: 993 }));
    expect(JSON.stringify(box)).not.toContain(smtp.password);
    expect(box).toMatchObject({ shared: false, ownerUserId: rep.userId, imapSecurity: "TLS", hasImapPassword: true });
    const [row] = await owner<{ smtp_password_enc: string; imap_password_enc: string }[]>`
      select smtp_password_enc, imap_password_enc from mailboxes where tenant_id = ${t.tenantId} and id = ${box.id}`;
    expect(row!.smtp_password_enc).toMatch(/^v1\./);
    expect(row!.smtp_password_enc).not.toContain(smtp.password);
    expect(row!.imap_password_enc).not.toBe(row!.smtp_password_enc); // a fresh IV each time

    const result = await checkMailbox(rep.ctx, box.id, { sendTest: true });
    expect(result).toMatchObject({ ok: true, error: null });
    const mail = await smtp.waitFor((m) => m.parsed.subject === "Stageline test email");
    expect(mail.envelope.to).toEqual([smtp.username]);
    expect((await listMailboxes(rep.ctx))[0]).toMatchObject({ id: box.id, checkError: null });
    expect((await listMailboxes(rep.ctx))[0]!.checkedAt).toBeInstanceOf(Date);
  });

  it("says the password was refused, and keeps that on the mailbox", async () => {
    const t = await makeTenant();
    const box = await createMailbox(t.ctx, settings({ smtpPassword: "wrong-password" }));
    const result = await checkMailbox(t.ctx, box.id);
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/refused the username or password/);
    expect(result.error).not.toContain("wrong-password");
    expect((await listMailboxes(t.ctx))[0]!.checkError).toBe(result.error);
    // a new password clears the old outcome and passes
    await updateMailbox(t.ctx, box.id, { smtpPassword: smtp.password });
    expect((await listMailboxes(t.ctx))[0]!.checkError).toBeNull();
    expect((await checkMailbox(t.ctx, box.id)).ok).toBe(true);
  });

  it("says when the host cannot be reached or does not answer", async () => {
    const t = await makeTenant();
    const silent = await startSilentServer();
    const closed = await startSilentServer();
    await closed.close(); // nothing listens on its port now
    process.env.EMAIL_SMTP_TIMEOUT_MS = "300";
    try {
      const refused = await createMailbox(t.ctx, settings({ emailAddress: "a@example.test", smtpPort: closed.port }));
      expect((await checkMailbox(t.ctx, refused.id)).error).toBe(`Could not connect to 127.0.0.1:${closed.port}: the connection was refused. Check the host and port.`);
      const hangs = await createMailbox(t.ctx, settings({ emailAddress: "b@example.test", smtpPort: silent.port }));
      expect((await checkMailbox(t.ctx, hangs.id)).error).toMatch(`The SMTP server at 127.0.0.1:${silent.port} did not answer in time`);
    } finally {
      delete process.env.EMAIL_SMTP_TIMEOUT_MS;
      await silent.close();
    }
  });

  it("refuses a host on the server's own network unless private networks are allowed (the SSRF guard)", async () => {
    const t = await makeTenant();
    const box = await createMailbox(t.ctx, settings({ smtpHost: "127.0.0.1" }));
    process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = "";
    try {
      const result = await checkMailbox(t.ctx, box.id, { sendTest: true });
      expect(result.error).toBe("Refused to connect to 127.0.0.1: it is not a public address. Use your provider's SMTP server.");
      expect(smtp.received.filter((m) => m.envelope.to.includes(smtp.username) && m.parsed.date && m.parsed.date >= result.checkedAt)).toEqual([]);
    } finally {
      process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = "1";
    }
    expect((await checkMailbox(t.ctx, box.id)).ok).toBe(true);
  });

  it("keeps a private mailbox its owner's; shared ones are an admin's to add and change", async () => {
    const t = await makeTenant();
    const rep = await makeMember(t.tenantId, "sales_rep");
    const other = await makeMember(t.tenantId, "sales_rep");
    const mine = await createMailbox(rep.ctx, settings());
    await expect(createMailbox(rep.ctx, settings({ emailAddress: "sales@example.test", shared: true }))).rejects.toMatchObject({ code: "forbidden" });
    const shared = await createMailbox(t.ctx, settings({ emailAddress: "sales@example.test", shared: true }));
    expect((await listMailboxes(other.ctx)).map((m) => m.id)).toEqual([shared.id]);
    expect((await listMailboxes(rep.ctx)).map((m) => m.id)).toEqual([mine.id, shared.id]);
    await expect(checkMailbox(other.ctx, mine.id)).rejects.toMatchObject({ code: "not-found" });
    await expect(updateMailbox(rep.ctx, shared.id, { displayName: "Sales" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createMailbox(rep.ctx, settings())).rejects.toMatchObject({ code: "conflict" });
    await expect(createMailbox((await makeMember(t.tenantId, "readonly")).ctx, settings({ emailAddress: "r@example.test" }))).rejects.toMatchObject({ code: "forbidden" });
    await deleteMailbox(rep.ctx, mine.id);
    expect((await listMailboxes(rep.ctx)).map((m) => m.id)).toEqual([shared.id]);
  });
});
