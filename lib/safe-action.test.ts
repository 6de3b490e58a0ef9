// The one error convention: what the browser gets for each kind of failure of an action,
// and how lib/action-result.ts reads it back (pure: no database here).
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { actionData, actionFailure, ActionFailure, actionMessage, validationIssues } from "@/lib/action-result";
import { AppError, validationError } from "@/lib/errors";
import { captureLogs } from "@/lib/log";
import { actionClient } from "./safe-action";

let logs: ReturnType<typeof captureLogs> | null = null;
afterEach(() => logs?.restore());

/** An action that throws whatever it is given to throw, after parsing a name. */
const throwing = (err: () => unknown) =>
  actionClient.metadata({}).inputSchema(z.object({ name: z.string().min(1, "is required"), tags: z.array(z.string().max(3, "is too long")).optional() })).action(async () => {
    throw err();
  });

describe("the action client's answers", () => {
  it("input that fails the schema: validation errors by path, read back with the REST API's paths", async () => {
    const r = await throwing(() => new Error("never runs"))({ name: "", tags: ["ok", "long"] });
    expect(r?.serverError).toBeUndefined();
    expect(actionFailure(r)).toEqual({
      code: "validation",
      message: "name: is required",
      issues: [
        { path: "name", message: "is required" },
        { path: "tags[1]", message: "is too long" },
      ],
    });
  });

  it("an AppError: its code, message and extensions, as problem+json would carry them", async () => {
    const r = await throwing(() => new AppError("movement-not-allowed", "Cannot move from Proposal to Won", { allowedStageIds: ["s1"] }))({ name: "x" });
    expect(r?.serverError).toEqual({ code: "movement-not-allowed", message: "Cannot move from Proposal to Won", allowedStageIds: ["s1"] });
    expect(actionMessage(r)).toBe("Cannot move from Proposal to Won");
    const fields = await throwing(() => validationError([{ path: "customFields.tier", message: "must be one of Gold" }]))({ name: "x" });
    expect(actionFailure(fields)?.issues).toEqual([{ path: "customFields.tier", message: "must be one of Gold" }]);
  });

  it("a service's ZodError is a validation error with its paths", async () => {
    const r = await throwing(() => z.object({ amount: z.number() }).parse({ amount: "x" }))({ name: "x" });
    expect(r?.serverError).toMatchObject({ code: "validation", errors: [{ path: "amount", message: expect.any(String) }] });
  });

  it("anything else: a generic message with a reference, logged by reference without the error's values", async () => {
    logs = captureLogs();
    const r = await throwing(() => Object.assign(new Error('duplicate key (email)=(ann@example.test)'), { code: "23505", detail: "Key (email)=(ann@example.test) already exists.", parameters: ["ann@example.test"], query: "insert ..." }))({ name: "x" });
    expect(r?.serverError).toMatchObject({ code: "internal", message: expect.stringMatching(/^Something went wrong; nothing was changed\. \(Reference [0-9a-f-]{36}\)$/) });
    expect(JSON.stringify(r)).not.toContain("ann@example.test");
    const requestId = r?.serverError?.requestId;
    expect(logs.lines()).toEqual([expect.objectContaining({ requestId, msg: "action: unexpected error" })]);
    expect(logs.text()).not.toContain("ann@example.test");
  });

  it("NUL anywhere in the input is refused before the schema, naming the field", async () => {
    const r = await throwing(() => new Error("never runs"))({ name: "a\u0000b" });
    expect(actionFailure(r)?.issues).toContainEqual({ path: "name", message: expect.stringContaining("NUL") });
  });
});

describe("lib/action-result readers", () => {
  it("flatten nested trees, numeric keys as indexes", () => {
    expect(validationIssues({ _errors: ["top"], steps: { 0: { url: { _errors: ["bad"] } } } })).toEqual([
      { path: "", message: "top" },
      { path: "steps[0].url", message: "bad" },
    ]);
  });

  it("actionData answers the data, or throws an ActionFailure carrying the message and code", async () => {
    await expect(actionData({ data: { id: "1" } })).resolves.toEqual({ id: "1" });
    await expect(actionData({ serverError: { code: "forbidden", message: "No" } })).rejects.toEqual(expect.objectContaining({ name: "ActionFailure", code: "forbidden", message: "No" }));
    await expect(actionData(undefined)).rejects.toBeInstanceOf(ActionFailure);
  });
});
