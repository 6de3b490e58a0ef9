import { describe, expect, it } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import { createRecord } from "@/lib/records/service";
import { searchAll } from "./search";

describe("a typo in a later word (migration 0019: words matched one by one)", () => {
  it("finds Murphy LLC for “Murphy LCC” and ranks it above a weaker match; every word wrong still finds nothing", async () => {
    const { ctx } = await makeTenant("Typo Co");
    const llc = await createRecord(ctx, "COMPANY", { name: "Murphy LLC" });
    await createRecord(ctx, "COMPANY", { name: "Murphy Holdings" });
    await createRecord(ctx, "CONTACT", { firstName: "Kelly", lastName: "Murphy" });
    const sara = await createRecord(ctx, "CONTACT", { firstName: "Sara", lastName: "Connor" });

    const companies = (await searchAll(ctx, "Murphy LCC")).filter((h) => h.recordType === "COMPANY");
    expect(companies[0]).toMatchObject({ id: llc.id, title: "Murphy LLC" });
    // the first word wrong, the second right
    expect((await searchAll(ctx, "sarq connor")).map((h) => h.id)).toContain(sara.id);
    // one word right is not enough when the rest is far off
    expect((await searchAll(ctx, "zzzzzz qqqqqq murphy")).filter((h) => h.recordType === "COMPANY")).toEqual([]);
  });
});
