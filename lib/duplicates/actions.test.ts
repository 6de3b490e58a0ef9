// The create forms' duplicate warning through the real action client: the records that
// already hold an email or a domain, as far as the caller may see them.
import { describe, expect, it, vi } from "vitest";
import { claimsOf, tenantWithRoles } from "@/db/testing/actions";
import type { SessionClaims } from "@/lib/auth/session";
import { createRecord } from "@/lib/records/service";
import { putAccessPolicy } from "@/lib/tenancy/access-policy";
import { existingDuplicatesAction } from "./actions";

const signedIn = vi.hoisted(() => ({ claims: null as SessionClaims | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => signedIn.claims }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

describe("existingDuplicatesAction", () => {
  it("names the contact with the email being typed (case and spaces ignored), the company with the domain (scheme and www ignored); none for a new value", async () => {
    const f = await tenantWithRoles();
    const ada = await createRecord(f.ctx, "CONTACT", { firstName: "Ada", lastName: "Lovelace", email: "ada@acme.example" });
    await createRecord(f.ctx, "CONTACT", { firstName: "Other", email: "other@acme.example" });
    const acme = await createRecord(f.ctx, "COMPANY", { name: "Acme", domain: "acme.example" });
    signedIn.claims = f.claims.admin;
    expect((await existingDuplicatesAction({ kind: "CONTACT", values: { email: "  ADA@acme.example " } }))?.data).toEqual([{ id: ada.id, title: "Ada Lovelace", reasons: ["email"] }]);
    expect((await existingDuplicatesAction({ kind: "COMPANY", values: { domain: "https://www.Acme.example/about" } }))?.data).toEqual([{ id: acme.id, title: "Acme", reasons: ["domain"] }]);
    expect((await existingDuplicatesAction({ kind: "CONTACT", values: { email: "new@acme.example" } }))?.data).toEqual([]);
    expect((await existingDuplicatesAction({ kind: "LEAD", values: { email: "ada@acme.example" } }))?.data).toEqual([]);
  });

  it("a rep whose scope is their own contacts is not told of another's", async () => {
    const f = await tenantWithRoles(["sales_rep"]);
    const rep = f.others[0]!;
    await createRecord(f.ctx, "CONTACT", { firstName: "House", email: "house@acme.example" });
    await putAccessPolicy(f.ctx, { sales_rep: { CONTACT: { read: "own", write: "own" } } });
    signedIn.claims = await claimsOf(rep.userId, f.tenantId);
    expect((await existingDuplicatesAction({ kind: "CONTACT", values: { email: "house@acme.example" } }))?.data).toEqual([]);
  });

  it("bad input: a kind that has no duplicates is refused by the schema; no session is unauthorized", async () => {
    const f = await tenantWithRoles();
    signedIn.claims = f.claims.admin;
    expect((await existingDuplicatesAction({ kind: "DEAL" as never, values: {} }))?.validationErrors).toBeDefined();
    signedIn.claims = null;
    expect((await existingDuplicatesAction({ kind: "CONTACT", values: { email: "a@b.example" } }))?.serverError).toMatchObject({ code: "unauthorized" });
  });
});
