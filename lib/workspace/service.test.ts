import { describe, expect, it } from "vitest";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { getWorkspace, updateWorkspace } from "./service";

describe("workspace settings", () => {
  it("starts in UTC; an admin changes name, zone and currency; others may only read", async () => {
    const t = await makeTenant("Zone Co");
    expect(await getWorkspace(t.ctx)).toEqual({ name: "Zone Co", timeZone: "UTC", currency: "USD" });
    expect(await updateWorkspace(t.ctx, { timeZone: "Asia/Tokyo", currency: "jpy", name: " Zone KK " })).toEqual({ name: "Zone KK", timeZone: "Asia/Tokyo", currency: "JPY" });
    await expect(updateWorkspace(t.ctx, { timeZone: "Asia/Atlantis" })).rejects.toThrow(/IANA/);
    const manager = await makeMember(t.tenantId, "manager");
    await expect(updateWorkspace(manager.ctx, { timeZone: "UTC" })).rejects.toMatchObject({ code: "forbidden" });
    expect(await getWorkspace(manager.ctx)).toMatchObject({ timeZone: "Asia/Tokyo" });
    // another workspace is untouched
    const other = await makeTenant("Other Co");
    expect(await getWorkspace(other.ctx)).toMatchObject({ timeZone: "UTC" });
  });
});
