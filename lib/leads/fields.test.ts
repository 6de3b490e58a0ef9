// The lead fields of the contract through the records service and the shared filter
// registry: created and patched over the create/PATCH schemas, filtered by the table's filters.
import { describe, expect, it } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import { compileQueryFilter } from "@/lib/api/query-filter";
import { listRecords } from "@/lib/records/queries";
import { createRecord, updateRecord } from "@/lib/records/service";

describe("lead fields", () => {
  it("are written by create and PATCH, and filter the table by rating, status, UTM values and BANT", async () => {
    const { ctx } = await makeTenant();
    const hot = await createRecord(ctx, "LEAD", { firstName: "Hot", rating: "hot", status: "qualified", utmSource: "google", utmCampaign: "spring", landingPage: "https://x.test/a", referrer: "https://news.test", budget: "50k", authority: "CFO", need: "Reporting", timeline: "Q3" });
    expect(hot).toMatchObject({ rating: "hot", status: "qualified", utmSource: "google", utmCampaign: "spring", landingPage: "https://x.test/a", referrer: "https://news.test", budget: "50k", authority: "CFO", need: "Reporting", timeline: "Q3" });
    const cold = await createRecord(ctx, "LEAD", { firstName: "Cold", rating: "cold", utmSource: "bing" });
    const patched = await updateRecord(ctx, "LEAD", cold.id, { utmMedium: "cpc", rating: "warm", timeline: "next year" });
    expect(patched).toMatchObject({ utmMedium: "cpc", rating: "warm", timeline: "next year", utmSource: "bing" });
    await expect(createRecord(ctx, "LEAD", { firstName: "Bad", rating: "boiling" })).rejects.toThrow();

    const names = async (filter: unknown) => {
      const where = await compileQueryFilter(ctx, "LEAD", JSON.stringify(filter));
      return (await listRecords(ctx, "LEAD", { where, sort: "firstName:asc" })).data.map((r) => r.firstName);
    };
    expect(await names({ all: [{ field: "rating", op: "eq", value: "hot" }] })).toEqual(["Hot"]);
    expect(await names({ all: [{ field: "status", op: "in", value: ["new", "contacted"] }] })).toEqual(["Cold"]);
    expect(await names({ all: [{ field: "utmSource", op: "eq", value: "google" }, { field: "budget", op: "isNotEmpty" }] })).toEqual(["Hot"]);
    expect(await names({ all: [{ field: "utmMedium", op: "eq", value: "cpc" }] })).toEqual(["Cold"]);
    await expect(names({ all: [{ field: "rating", op: "eq", value: "boiling" }] })).rejects.toMatchObject({ code: "validation" });
  });
});
