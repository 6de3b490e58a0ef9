"use server";

import { makeBulkActions } from "@/lib/bulk/actions";
import { makeTableActions } from "@/lib/views/actions";

const table = makeTableActions("CONTACT");
const bulk = makeBulkActions("CONTACT");

/** The next page of the table (keyset cursor), or the first page with its capped count. */
export const loadPage = table.loadPage;
/** Saved views of the signed-in user. */
export const saveView = table.saveView;
export const deleteView = table.deleteView;
/** Bulk actions on a selection (ids, or everything matching the search and filter). */
export const bulkEdit = bulk.bulkEdit;
export const bulkAddToList = bulk.bulkAddToList;
export const bulkDelete = bulk.bulkDelete;
export const bulkRestore = bulk.bulkRestore;
