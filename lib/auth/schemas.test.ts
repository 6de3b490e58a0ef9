// The sign-up and invitation forms are not server actions of the action client (which
// refuses U+0000 for every action): their schemas refuse it themselves, as a field error.
import { describe, expect, it } from "vitest";
import { acceptNewUserSchema } from "@/lib/tenancy/schemas";
import { fieldErrorsOf, signUpSchema } from "./schemas";

describe("auth forms and the NUL character", () => {
  it("sign-up names the field holding U+0000", () => {
    const parsed = signUpSchema.safeParse({ companyName: "Acme\u0000", name: "Ada", email: "ada@example.test", password: "Str0ng-pass!" });
    expect(parsed.success).toBe(false);
    expect(fieldErrorsOf(parsed.error!)).toEqual({ companyName: expect.stringContaining("NUL") });
  });

  it("accepting an invitation as a new user names the field holding U+0000", () => {
    const parsed = acceptNewUserSchema.safeParse({ name: "A\u0000da", password: "Str0ng-pass!" });
    expect(parsed.success).toBe(false);
    expect(fieldErrorsOf(parsed.error!)).toEqual({ name: expect.stringContaining("NUL") });
  });

  it("a name without it passes", () => {
    expect(signUpSchema.safeParse({ companyName: "Acme", name: "Ada", email: "ada@example.test", password: "Str0ng-pass!" }).success).toBe(true);
  });
});
