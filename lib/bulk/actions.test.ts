// A record table's actions — bulk changes and saved views — bound to a kind by the page,
// through the real action client: permission, validation, and that a refusal changes nothing.
import { describe, expect, it, vi } from "vitest";
import { describeActionChecks, tenantWithRoles } from "@/db/testing/actions";
import type { SessionClaims } from "@/lib/auth/session";
import { createList } from "@/lib/lists/service";
import { listMembers } from "@/lib/lists/queries";
import { listRecords } from "@/lib/records/queries";
import { createRecord, deleteRecord } from "@/lib/records/service";
import { deleteViewAction, loadTablePageAction, saveViewAction } from "@/lib/views/actions";
import { createView, listViews } from "@/lib/views/service";
import { bulkAddToListAction, bulkDeleteAction, bulkEditAction, bulkRestoreAction } from "./actions";

const signedIn = vi.hoisted(() => ({ claims: null as SessionClaims | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => signedIn.claims }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const contacts = {
  bulkEdit: bulkEditAction.bind(null, "CONTACT"),
  bulkAddToList: bulkAddToListAction.bind(null, "CONTACT"),
  bulkDelete: bulkDeleteAction.bind(null, "CONTACT"),
  bulkRestore: bulkRestoreAction.bind(null, "CONTACT"),
  loadPage: loadTablePageAction.bind(null, "CONTACT"),
  saveView: saveViewAction.bind(null, "CONTACT"),
  deleteView: deleteViewAction.bind(null, "CONTACT"),
};

async function setup() {
  const f = await tenantWithRoles();
  const ann = await createRecord(f.ctx, "CONTACT", { firstName: "Ann", tags: ["vip"] });
  const gone = await createRecord(f.ctx, "CONTACT", { firstName: "Gone" });
  await deleteRecord(f.ctx, "CONTACT", gone.id);
  const list = await createList(f.ctx, { name: "Webinar", objectType: "CONTACT" });
  const view = await createView(f.ctx, { objectType: "CONTACT", name: "Mine", columns: [] });
  return { ...f, ann, gone, list, view };
}

const state = async (f: Awaited<ReturnType<typeof setup>>) => ({
  contacts: (await listRecords(f.ctx, "CONTACT", {})).data,
  members: (await listMembers(f.ctx, f.list.id)).data,
  views: await listViews(f.ctx, "CONTACT"),
});

describe("record table actions", () => {
  describeActionChecks({
    signedIn,
    setup,
    state,
    cases: [
      {
        action: "bulkEditAction",
        refused: (f) => contacts.bulkEdit({ selection: { ids: [f.ann.id] }, operation: { type: "addTags", tags: ["churn"] } }),
        invalid: { call: (f) => contacts.bulkEdit({ selection: { ids: [f.ann.id] }, operation: { type: "addTags", tags: [] } }), paths: ["operation.tags"] },
      },
      {
        action: "bulkAddToListAction",
        refused: (f) => contacts.bulkAddToList({ selection: { all: true }, listId: f.list.id }),
        invalid: { call: (f) => contacts.bulkAddToList({ selection: { ids: [f.ann.id] }, listId: "webinar" }), paths: ["listId"] },
      },
      { action: "bulkDeleteAction", refused: (f) => contacts.bulkDelete({ selection: { ids: [f.ann.id] } }), invalid: { call: () => contacts.bulkDelete({ selection: { ids: ["ann"] } }), paths: ["selection.ids[0]"] } },
      {
        action: "bulkRestoreAction",
        refused: (f) => contacts.bulkRestore({ ids: [f.gone.id], deletedAt: new Date().toISOString() }),
        invalid: { call: (f) => contacts.bulkRestore({ ids: [f.gone.id], deletedAt: "yesterday" }), paths: ["deletedAt"] },
      },
      { action: "loadTablePageAction", invalid: { call: () => contacts.loadPage({ cols: ["first name"] }), paths: ["cols[0]"] } },
      { action: "saveViewAction", invalid: { call: () => contacts.saveView({ name: "", columns: [], sort: "name" }), paths: ["name", "sort"] } },
      { action: "deleteViewAction", invalid: { call: () => contacts.deleteView({ id: "mine" }), paths: ["id"] } },
    ],
  });

  it("a readonly member reads the table and keeps views of their own", async () => {
    const f = await setup();
    signedIn.claims = f.claims.readonly;
    expect((await contacts.loadPage({ cols: ["firstName"] }))?.data?.rows.map((r) => r.id)).toEqual([f.ann.id]);
    expect((await contacts.saveView({ name: "Reader's", columns: [] }))?.data).toMatchObject({ name: "Reader's" });
  });
});
