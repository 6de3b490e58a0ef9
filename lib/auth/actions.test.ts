// The sign-up server action as the form calls it. Only the request headers are supplied
// (there is no Next request here); the action, service and database are the real ones.
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import { signUpAction } from "./actions";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));

function form(email: string) {
  const f = new FormData();
  for (const [k, v] of Object.entries({ companyName: "Initech", name: "Peter", email, password: "Str0ng-pass!" })) f.set(k, v);
  return f;
}

/** What the browser gets: a returned form state, or the redirect the action throws. */
async function answer(email: string): Promise<unknown> {
  try {
    return { state: await signUpAction(undefined, form(email)) };
  } catch (err) {
    return { redirect: (err as { digest?: string }).digest ?? String(err) };
  }
}

describe("signUpAction", () => {
  it("answers an email registered in another workspace exactly as a new one: a redirect to sign in, no session", async () => {
    request.headers = new Headers();
    const other = await makeTenant("Other");
    const known = await answer(other.email);
    const unknown = await answer(`new-${randomUUID()}@example.test`);
    expect(known).toEqual(unknown);
    expect(known).toEqual({ redirect: expect.stringMatching(/^NEXT_REDIRECT;.*;\/login\?notice=signed-up;/) });
  });

  it("says when an address has signed up too often, in the form", async () => {
    request.headers = new Headers({ "x-forwarded-for": `203.0.113.${Math.floor(Math.random() * 254) + 1}` });
    for (let i = 0; i < 10; i++) await answer(`many-${randomUUID()}@example.test`);
    expect(await answer(`many-${randomUUID()}@example.test`)).toEqual({ state: expect.objectContaining({ error: expect.stringMatching(/^Too many attempts: try again in \d+ minutes?$/) }) });
  });
});
