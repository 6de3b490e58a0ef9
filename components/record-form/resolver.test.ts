// Where a server's error path lands on a record form: the actions take { kind, values } /
// { kind, id, patch }, so their schema's paths carry that prefix; the service's do not.
import { describe, expect, it } from "vitest";
import { recordErrorPath } from "./resolver";

describe("recordErrorPath", () => {
  const place = recordErrorPath(["name", "amount", "closeDate"]);
  it.each([
    ["values.name", "fields.name"],
    ["patch.amount", "fields.amount"],
    ["closeDate", "fields.closeDate"],
    ["values.tags[1]", "tags"],
    ["customFields.tier", "customFields.tier"],
    ["patch.customFields.sizes[0]", "customFields.sizes"],
    ["values.stageId", null],
    ["", null],
  ])("%s → %s", (path, field) => {
    expect(place(path)).toBe(field);
  });
});
