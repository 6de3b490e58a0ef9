import { describe, expect, it } from "vitest";
import { fieldLabel, valueText } from "./labels";

describe("a field change as the timeline and notifications word it", () => {
  it.each([
    ["closeDate", "2027-01-31", "Jan 31, 2027"],
    ["amount", "48000.00", "48,000"],
    ["amount", "48000.50", "48,000.50"],
    ["priority", "medium", "Medium"],
    ["dealType", "NEW", "New business"],
    ["status", "won", "Won"],
    ["forecastProbability", "0.2500", "25%"],
    ["lastContactedAt", "2027-01-31T14:04:00.000Z", "Jan 31, 2027, 2:04 PM UTC"],
    ["emailOptIn", true, "Yes"],
    ["jobTitle", "", "(empty)"],
    ["jobTitle", "CTO", "CTO"],
  ])("%s = %j reads %s", (field, value, text) => {
    expect(valueText(value, 80, field).replace(/\u202f/g, " ")).toBe(text);
  });

  it("names fields by their labels", () => {
    expect(fieldLabel("closeDate")).toBe("Close date");
    expect(fieldLabel("ownedByUserId")).toBe("Owner");
  });
});
