// Where a refusal lands on a form: each message under the field it names, the rest in the
// form's alert (root.server). Pure placement logic, no browser needed.
import { describe, expect, it } from "vitest";
import type { ActionFailureInfo } from "@/lib/action-result";
import { showActionFailure } from "./use-form-action";

function fakeForm(values: Record<string, unknown>) {
  const errors: Record<string, string> = {};
  return { errors, form: { getValues: () => values, setError: (name: string, e: { message?: string }) => void (errors[name] = e.message ?? "") } };
}

const failure = (message: string, issues: { path: string; message: string }[]): ActionFailureInfo => ({ code: "validation", message, issues });

describe("showActionFailure", () => {
  it("puts messages under the form's own fields (first message per field) and nothing in the alert", () => {
    const { errors, form } = fakeForm({ name: "", tags: [] });
    showActionFailure(failure("name: is required", [{ path: "name", message: "is required" }, { path: "name", message: "is too short" }, { path: "tags[1]", message: "is too long" }]), form as never);
    expect(errors).toEqual({ name: "is required", tags: "is too long" });
  });

  it("a refusal naming no field of the form goes to the alert with the failure's message", () => {
    const { errors, form } = fakeForm({ name: "" });
    showActionFailure(failure("A tag named \"VIP\" already exists", [{ path: "objectType", message: "is not allowed" }]), form as never);
    expect(errors).toEqual({ "root.server": 'A tag named "VIP" already exists' });
  });

  it("a message for the whole input goes to the alert beside the field messages", () => {
    const { errors, form } = fakeForm({ name: "" });
    showActionFailure(failure("x", [{ path: "", message: "name: must not contain NUL" }, { path: "name", message: "must not contain NUL" }]), form as never);
    expect(errors).toEqual({ name: "must not contain NUL", "root.server": "name: must not contain NUL" });
  });

  it("a placement function maps the server's paths to the form's (null: the alert)", () => {
    const { errors, form } = fakeForm({ fields: {}, customFields: {} });
    const place = (p: string) => (p.startsWith("customFields.") ? p : null);
    showActionFailure(failure("Refused", [{ path: "customFields.tier", message: "must be one of Gold" }]), form as never, place);
    expect(errors).toEqual({ "customFields.tier": "must be one of Gold" });
    const other = fakeForm({});
    showActionFailure(failure("Refused", [{ path: "stageId", message: "is not yours" }]), other.form as never, () => null);
    expect(other.errors).toEqual({ "root.server": "Refused" });
  });
});
