import { describe, expect, it } from "vitest";
import { isUuid } from "./uuid";

describe("isUuid", () => {
  it.each([
    "6f1c2b1e-8a4d-4c3b-9f00-0123456789ab", // v4, what gen_random_uuid() makes
    "6F1C2B1E-8A4D-4C3B-9F00-0123456789AB",
    "0190f5e4-7c1a-7b2e-8d3f-123456789abc", // v7
    "00000000-0000-0000-0000-000000000000",
  ])("accepts %s", (id) => expect(isUuid(id)).toBe(true));

  it.each([
    ["not a uuid", "abc"],
    ["a uuid with a space", " 6f1c2b1e-8a4d-4c3b-9f00-0123456789ab"],
    ["a non-hex digit", "6f1c2b1e-8a4d-4c3b-9f00-0123456789ag"],
    ["no dashes", "6f1c2b1e8a4d4c3b9f000123456789ab"],
    ["an unknown variant, as z.uuid() says", "6f1c2b1e-8a4d-4c3b-1f00-0123456789ab"],
    ["a number", 42],
    ["null", null],
  ])("refuses %s", (_what, value) => expect(isUuid(value)).toBe(false));
});
