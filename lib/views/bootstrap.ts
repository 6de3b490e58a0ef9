// Everything a record table page needs for its first screen (server-only): the URL state
// checked against the tenant's fields, the first page with its capped count, the field
// list for the filter builder, the pickers' options and the user's saved views.
import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { lists, tags, tenantGroups } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { SessionInfo } from "@/lib/auth/session";
import type { ValidationIssue } from "@/lib/errors";
import { describeFilterFields } from "@/lib/filters/fields";
import { validateCompleteFilter } from "@/lib/filters/complete";
import { allOf, type FilterGroup } from "@/lib/filters/schema";
import { RECORD_KINDS, type RecordKind } from "@/lib/records/registry";
import { listMembers } from "@/lib/tenancy/members";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { columnsFor, parseColumns, type TableColumn, type TableCustomField } from "./columns";
import { listViews } from "./service";
import { loadTablePage, tableCustomFields, type TablePage } from "./table-query";
import { isEmptyFilter, parseTableUrl, type SearchParamsLike } from "./url-state";

export interface TableOption {
  id: string;
  name: string;
}

export interface DataTableData {
  kind: RecordKind;
  collection: string;
  singular: string;
  /** The state in effect (invalid parts of the URL dropped). */
  state: { q: string; sort: string | null; filter: FilterGroup | null; cols: string[] };
  /** What was wrong with the URL's filter or sort, if anything (the rows ignore it). */
  urlProblems: { filter: ValidationIssue[]; filterDraft: FilterGroup | null; messages: string[] };
  columns: TableColumn[];
  customFields: TableCustomField[];
  fields: ReturnType<typeof describeFilterFields>;
  users: (TableOption & { email: string; isActive: boolean })[];
  groups: TableOption[];
  tags: string[];
  lists: (TableOption & { processingType: "STATIC" | "DYNAMIC" })[];
  /** The user's own views, then those shared with them (not theirs to change or delete). */
  views: { id: string; name: string; filter: unknown; sort: string | null; columns: string[]; visibility: "private" | "workspace" | "group"; groupId: string | null; ownerName: string; mine: boolean }[];
  firstPage: TablePage;
  /** A filter always ANDed with the user's (a list page shows only the list's members); not shown in the filter UI. */
  baseFilter: FilterGroup | null;
  me: string;
  can: { write: boolean; delete: boolean; addToList: boolean; shareViews: boolean };
  renderedAt: number;
}

const asGroup = (f: unknown): FilterGroup => (typeof f === "object" && f !== null && ("all" in f || "any" in f) ? (f as FilterGroup) : ({ all: [f] } as FilterGroup));

/** A sort from the URL, or null when it is not `field:dir` of a sortable field. */
function checkedSort(kind: RecordKind, sort: string | null): string | null {
  if (!sort) return null;
  const m = /^([a-zA-Z]+):(asc|desc)$/.exec(sort);
  return m && RECORD_KINDS[kind].sortable.includes(m[1]!) ? sort : null;
}

export async function loadDataTable(session: SessionInfo, kind: RecordKind, searchParams: SearchParamsLike, opts: { baseFilter?: FilterGroup } = {}): Promise<DataTableData> {
  const ctx = session.ctx;
  const def = RECORD_KINDS[kind];
  const url = parseTableUrl(searchParams);
  const customFields = await tableCustomFields(ctx, kind);
  const messages: string[] = [];
  let filterIssues: ValidationIssue[] = [];
  let filterDraft: FilterGroup | null = null;

  const sort = checkedSort(kind, url.sort);
  if (url.sort && !sort) messages.push(`The link's sort "${url.sort}" is not a sortable column; showing newest first.`);
  let filter: FilterGroup | null = null;
  if (url.filter) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(url.filter);
    } catch {
      messages.push("The link's filter is not valid JSON; showing all records.");
    }
    if (parsed !== undefined && !isEmptyFilter(parsed)) {
      const group = asGroup(parsed);
      const result = validateCompleteFilter(kind, group, { customFields });
      if (result.ok) filter = group;
      else {
        filterIssues = result.errors;
        filterDraft = group;
        messages.push("The link's filter has errors (shown in the filter); showing all records until they are fixed.");
      }
    }
  }
  const cols = parseColumns(kind, url.cols, customFields);
  const state = { q: url.q, sort, filter, cols };

  const [members, extras, views, firstPage] = await Promise.all([
    listMembers(ctx),
    withTenant(ctx, async (tx) => ({
      groups: await tx.select({ id: tenantGroups.id, name: tenantGroups.name }).from(tenantGroups).where(eq(tenantGroups.tenantId, ctx.tenantId)).orderBy(asc(sql`lower(${tenantGroups.name})`)),
      tags: await tx.select({ name: tags.name }).from(tags).where(eq(tags.tenantId, ctx.tenantId)).orderBy(asc(sql`lower(${tags.name})`)).limit(500),
      lists: await tx
        .select({ id: lists.id, name: lists.name, processingType: lists.processingType })
        .from(lists)
        .where(and(eq(lists.tenantId, ctx.tenantId), eq(lists.objectType, kind), eq(lists.isArchived, false)))
        .orderBy(asc(sql`lower(${lists.name})`))
        .limit(500),
    })),
    listViews(ctx, kind),
    loadTablePage(ctx, kind, { ...state, filter: allOf(opts.baseFilter, state.filter), cols }, customFields),
  ]);

  return {
    kind,
    collection: def.collection,
    singular: def.singular,
    state,
    urlProblems: { filter: filterIssues, filterDraft, messages },
    columns: columnsFor(kind, customFields),
    customFields,
    fields: describeFilterFields(kind, customFields),
    users: members.map((m) => ({ id: m.userId, name: m.name, email: m.email, isActive: m.isActive })),
    groups: extras.groups,
    tags: extras.tags.map((t) => t.name),
    lists: extras.lists,
    views: views.map(({ createdAt: _c, objectType: _o, userId: _u, ...v }) => v),
    firstPage,
    baseFilter: opts.baseFilter ?? null,
    me: session.user.id,
    can: { write: can(session.role, "records.write"), delete: can(session.role, "records.delete"), addToList: can(session.role, "lists.write"), shareViews: can(session.role, "views.share") },
    renderedAt: Date.now(),
  };
}
