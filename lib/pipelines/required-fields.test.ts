import { describe, expect, it } from "vitest";
import { customFieldLabels, RequiredFieldsMissing, requiredFieldLabel, requiresMessage } from "./required-fields";

describe("required fields are named by label, never by key", () => {
  const labels = customFieldLabels([{ key: "po", label: "PO number" }]);

  it.each([
    ["amount", "Amount"],
    ["closeDate", "Close date"],
    ["lostReason", "Lost reason"],
    ["assignedUserId", "Assignee"],
    ["ownedByUserId", "Owner"],
    ["customFields.po", "PO number"],
    // a key without a definition (deleted since): its words
    ["customFields.contract_value", "Contract value"],
  ])("%s → %s", (path, label) => {
    expect(requiredFieldLabel(path, labels)).toBe(label);
  });

  it("says what a stage requires", () => {
    expect(requiresMessage("Proposal", ["amount", "closeDate", "customFields.po"], labels)).toBe("Proposal requires: Amount, Close date, PO number");
  });

  it("moveRecord's refusal keeps the paths for clients and names them by label", () => {
    const refusal = new RequiredFieldsMissing("Proposal", ["closeDate", "customFields.po"]);
    expect(refusal).toMatchObject({ code: "required-fields-missing", status: 422, extensions: { missingFields: ["closeDate", "customFields.po"] } });
    expect(refusal.message).toBe("Proposal requires: Close date, Po");
    expect(refusal.namesCustomFields).toBe(true);
    expect(refusal.withLabels(labels).message).toBe("Proposal requires: Close date, PO number");
  });
});
