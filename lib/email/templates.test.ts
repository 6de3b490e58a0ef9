// Email templates: who writes them, unique names, another workspace's are never seen.
import { describe, expect, it } from "vitest";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createTemplate, deleteTemplate, listTemplates, updateTemplate } from "./templates";

describe("email templates", () => {
  it("managers and admins write them, reps use them, names are unique in any case", async () => {
    const t = await makeTenant();
    const manager = await makeMember(t.tenantId, "manager");
    const rep = await makeMember(t.tenantId, "sales_rep");
    const intro = await createTemplate(manager.ctx, { name: "Intro", subject: "Hi {{contact.firstName | there}}", body: "Hello" });
    await expect(createTemplate(rep.ctx, { name: "Mine", subject: "s", body: "b" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createTemplate(t.ctx, { name: "INTRO", subject: "s", body: "b" })).rejects.toMatchObject({ code: "validation", extensions: { errors: [{ path: "name" }] } });
    await createTemplate(t.ctx, { name: "Follow-up", subject: "Following up", body: "…" });
    expect((await listTemplates(rep.ctx)).map((x) => x.name)).toEqual(["Follow-up", "Intro"]);
    expect((await updateTemplate(t.ctx, intro.id, { name: "Intro", subject: "Hello {{contact.firstName}}", body: "Hi" })).subject).toBe("Hello {{contact.firstName}}");
    const other = await makeTenant("Other Co");
    expect(await listTemplates(other.ctx)).toEqual([]);
    await expect(deleteTemplate(other.ctx, intro.id)).rejects.toMatchObject({ code: "not-found" });
    await deleteTemplate(manager.ctx, intro.id);
    expect((await listTemplates(rep.ctx)).map((x) => x.name)).toEqual(["Follow-up"]);
  });
});
