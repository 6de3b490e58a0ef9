// Lists actions through the real action client: permission (readonly members read lists
// but do not change them), validation, and that a refusal changes nothing.
import { describe, expect, it, vi } from "vitest";
import { describeActionChecks, tenantWithRoles } from "@/db/testing/actions";
import type { SessionClaims } from "@/lib/auth/session";
import { createRecord } from "@/lib/records/service";
import { searchRecordsAction } from "@/lib/search/actions";
import {
  addMembersAction,
  createListAction,
  deleteListAction,
  loadMembersPageAction,
  previewFilterAction,
  refreshListAction,
  removeMemberAction,
  removeSelectedAction,
  updateListAction,
} from "./actions";
import { addMembers } from "./members";
import { listLists, listMembers } from "./queries";
import { createList } from "./service";

const signedIn = vi.hoisted(() => ({ claims: null as SessionClaims | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => signedIn.claims }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

async function setup() {
  const f = await tenantWithRoles();
  const ann = await createRecord(f.ctx, "CONTACT", { firstName: "Ann", email: "ann@example.test" });
  const bob = await createRecord(f.ctx, "CONTACT", { firstName: "Bob" });
  const list = await createList(f.ctx, { name: "Webinar", objectType: "CONTACT" });
  await addMembers(f.ctx, list.id, { memberIds: [ann.id] });
  const dynamic = await createList(f.ctx, { name: "Anns", objectType: "CONTACT", processingType: "DYNAMIC", filter: { all: [{ field: "firstName", op: "eq", value: "Ann" }] } });
  return { ...f, ann, bob, list, dynamic };
}

const state = async (f: Awaited<ReturnType<typeof setup>>) => ({
  lists: await listLists(f.ctx, { archived: "all" }),
  members: (await listMembers(f.ctx, f.list.id)).data.map((m) => m.memberId),
});

describe("list actions", () => {
  describeActionChecks({
    signedIn,
    setup,
    state,
    cases: [
      {
        action: "createListAction",
        refused: () => createListAction({ name: "VIPs", objectType: "CONTACT" }),
        invalid: { call: () => createListAction({ name: "", objectType: "PLANET" as never }), paths: ["name", "objectType"] },
      },
      { action: "updateListAction", refused: (f) => updateListAction({ listId: f.list.id, isArchived: true }), invalid: { call: (f) => updateListAction({ listId: f.list.id, name: "" }), paths: ["name"] } },
      { action: "deleteListAction", refused: (f) => deleteListAction({ listId: f.list.id }), invalid: { call: () => deleteListAction({ listId: "webinar" }), paths: ["listId"] } },
      { action: "refreshListAction", refused: (f) => refreshListAction({ listId: f.dynamic.id }), invalid: { call: () => refreshListAction({ listId: "" }), paths: ["listId"] } },
      { action: "removeMemberAction", refused: (f) => removeMemberAction({ listId: f.list.id, memberId: f.ann.id }), invalid: { call: (f) => removeMemberAction({ listId: f.list.id, memberId: "ann" }), paths: ["memberId"] } },
      {
        action: "addMembersAction",
        refused: (f) => addMembersAction({ listId: f.list.id, objectType: "CONTACT", text: f.bob.id }),
        invalid: { call: (f) => addMembersAction({ listId: f.list.id, objectType: "CONTACT", text: "x".repeat(100_001) }), paths: ["text"] },
      },
      {
        action: "removeSelectedAction",
        refused: (f) => removeSelectedAction({ listId: f.list.id, kind: "CONTACT", selection: { ids: [f.ann.id] } }),
        invalid: { call: (f) => removeSelectedAction({ listId: f.list.id, kind: "CONTACT", selection: { ids: [] } }), paths: ["selection.ids"] },
      },
      {
        action: "previewFilterAction",
        invalid: { call: () => previewFilterAction({ objectType: "PLANET" as never, filter: {} }), paths: ["objectType"] },
      },
      { action: "loadMembersPageAction", invalid: { call: (f) => loadMembersPageAction(f.list.id, { cols: [] }), paths: ["cols"] } },
    ],
  });

  it("a readonly member reads: the preview, the member table and search", async () => {
    const f = await setup();
    const before = await state(f);
    signedIn.claims = f.claims.readonly;
    expect((await previewFilterAction({ objectType: "CONTACT", filter: { all: [{ field: "firstName", op: "eq", value: "Bob" }] } }))?.data).toMatchObject({ ok: true });
    // the page's base filter limits the rows to members; each row says when it joined
    const page = await loadMembersPageAction(f.list.id, { cols: ["firstName"] });
    const joined = Object.fromEntries(page?.data?.rows.map((r) => [r.id, r.cells.joinedAt]) ?? []);
    expect(joined).toEqual({ [f.ann.id]: expect.any(String), [f.bob.id]: null });
    expect((await searchRecordsAction({ kind: "CONTACT", q: "Bob" }))?.data).toEqual([expect.objectContaining({ id: f.bob.id })]);
    expect(await state(f)).toEqual(before);
  });

  it("pasted refs that match no record are refused with the service's message, and nothing is added", async () => {
    const f = await setup();
    signedIn.claims = f.claims.admin;
    const r = await addMembersAction({ listId: f.list.id, objectType: "CONTACT", text: "nobody@example.test, ann@example.test" });
    expect(r?.serverError).toMatchObject({ code: "validation", message: "No live record with: nobody@example.test" });
    expect((await state(f)).members).toEqual([f.ann.id]);
  });
});
