// Email actions (Settings → Email, Settings → Email templates, the compose dialog) through
// the real action client: permission, validation, and that a refusal changes nothing.
import { describe, expect, it, vi } from "vitest";
import { describeActionChecks, tenantWithRoles } from "@/db/testing/actions";
import type { SessionClaims } from "@/lib/auth/session";
import { createRecord } from "@/lib/records/service";
import { createMailboxAction, createTemplateAction, deleteMailboxAction, sendEmailAction } from "./actions";
import { createMailbox, listMailboxes } from "./mailboxes";
import { getEmail } from "./send";
import { listTemplates } from "./templates";

const signedIn = vi.hoisted(() => ({ claims: null as SessionClaims | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => signedIn.claims }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const SMTP = { smtpHost: "127.0.0.1", smtpPort: 2525, smtpSecurity: "NONE" as const, smtpUsername: "u", smtpPassword: "app-pass" };

async function setup() {
  const f = await tenantWithRoles();
  const mailbox = await createMailbox(f.ctx, { emailAddress: "admin@actions.test", ...SMTP });
  const contact = await createRecord(f.ctx, "CONTACT", { firstName: "Ann", email: "ann@customer.test" });
  return { ...f, mailbox, contact };
}

const state = async (f: Awaited<ReturnType<typeof setup>>) => ({ mailboxes: await listMailboxes(f.ctx), templates: await listTemplates(f.ctx) });

describe("email actions", () => {
  describeActionChecks({
    signedIn,
    setup,
    state,
    cases: [
      {
        action: "createMailboxAction",
        refused: () => createMailboxAction({ emailAddress: "r@actions.test", ...SMTP }),
        invalid: { call: () => createMailboxAction({ emailAddress: "not an address", ...SMTP, smtpPort: 70000 }), paths: ["emailAddress", "smtpPort"] },
      },
      { action: "deleteMailboxAction", refused: (f) => deleteMailboxAction({ id: f.mailbox.id }), invalid: { call: () => deleteMailboxAction({ id: "x" }), paths: ["id"] } },
      {
        action: "createTemplateAction",
        refused: () => createTemplateAction({ name: "T", subject: "S", body: "B" }),
        invalid: { call: () => createTemplateAction({ name: "", subject: "S", body: "" }), paths: ["name", "body"] },
      },
      {
        action: "sendEmailAction",
        refused: (f) => sendEmailAction({ recordType: "CONTACT", recordId: f.contact.id, mailboxId: f.mailbox.id, to: "ann@customer.test", subject: "Hi", body: "Hello" }),
        invalid: { call: (f) => sendEmailAction({ recordType: "CONTACT", recordId: f.contact.id, mailboxId: f.mailbox.id, to: "ann@, bob", subject: "", body: "Hello" }), paths: ["to", "subject"] },
      },
    ],
  });

  it("sends from a record: the email is queued with its activity, placeholders filled in", async () => {
    const f = await setup();
    signedIn.claims = f.claims.admin;
    const r = await sendEmailAction({ recordType: "CONTACT", recordId: f.contact.id, mailboxId: f.mailbox.id, to: "ann@customer.test", subject: "Hi {{contact.firstName | there}}", body: "Hello", track: true });
    expect(r?.serverError).toBeUndefined();
    expect(r?.data).toMatchObject({ status: "QUEUED", tracked: true });
    expect((await getEmail(f.ctx, r!.data!.id)).subject).toBe("Hi Ann");
  });

  it("never answers a mailbox's password", async () => {
    const f = await setup();
    signedIn.claims = f.claims.admin;
    const r = await createMailboxAction({ emailAddress: "second@actions.test", ...SMTP, smtpPassword: "very-secret-pass" });
    expect(r?.data?.emailAddress).toBe("second@actions.test");
    expect(JSON.stringify(r)).not.toContain("very-secret-pass");
  });
});
