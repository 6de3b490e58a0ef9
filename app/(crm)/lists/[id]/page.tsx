import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ListHistory } from "@/components/lists/history";
import { objectTypeLabel } from "@/components/lists/labels";
import { JOINED_COLUMN } from "@/lib/lists/schemas";
import { AddMembersForm, DynamicListControls, ListActions, MembersTable, type ListView } from "@/components/lists/list-detail";
import { LiveMembers } from "@/components/lists/live-updates";
import { ListMembersTable } from "@/components/lists/members-table";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession, type SessionInfo } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { formatCount } from "@/lib/format/money";
import { listEditorData } from "@/lib/lists/fields";
import { joinTimes, listHistory, memberHref, memberTitles } from "@/lib/lists/queries";
import { getList, listMembers } from "@/lib/lists/queries";
import { type ListObjectType } from "@/lib/lists/model";
import { RECORD_KINDS, type RecordKind } from "@/lib/records/registry";
import { TITLE_COLUMN } from "@/lib/views/columns";
import { loadDataTable } from "@/lib/views/bootstrap";

export const metadata: Metadata = { title: "List" };

type SearchParams = Record<string, string | string[] | undefined>;

/** The records' data table limited to the list's members, with a "Joined" column after the name. */
async function membersTableData(s: SessionInfo, listId: string, kind: RecordKind, searchParams: SearchParams) {
  const data = await loadDataTable(s, kind, searchParams, { baseFilter: { all: [{ field: "id", op: "inList", value: listId }] } });
  const joined = await joinTimes(s.ctx, listId, data.firstPage.rows.map((r) => r.id));
  return {
    ...data,
    columns: [...data.columns, { id: JOINED_COLUMN, label: "Joined", kind: "datetime" as const }],
    state: { ...data.state, cols: [TITLE_COLUMN, JOINED_COLUMN, ...data.state.cols.filter((c) => c !== TITLE_COLUMN)] },
    firstPage: { ...data.firstPage, rows: data.firstPage.rows.map((r) => ({ ...r, cells: { ...r.cells, [JOINED_COLUMN]: joined.get(r.id) ?? null } })) },
  };
}

/** Activities have no record table: a plain members list, paged by cursor. */
async function activityMembers(s: SessionInfo, listId: string, objectType: ListObjectType, cursor: string | undefined) {
  const page = await listMembers(s.ctx, listId, { limit: 100, cursor: cursor ?? null }).catch(() => listMembers(s.ctx, listId, { limit: 100 }));
  const titles = await memberTitles(s.ctx, objectType, page.data.map((m) => m.memberId));
  return {
    nextHref: page.nextCursor ? `/lists/${listId}?cursor=${page.nextCursor}` : null,
    members: page.data.map((m) => {
      const t = titles.get(m.memberId);
      return { memberId: m.memberId, title: t?.title ?? m.memberId, deleted: !t || t.deleted, href: t && !t.deleted ? memberHref(objectType, m.memberId) : null, addedAt: m.addedAt, source: m.source };
    }),
  };
}

export default async function ListPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const s = await requirePageSession();
  const { id } = await params;
  const sp = await searchParams;
  const list = await getList(s.ctx, id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not-found") notFound();
    throw err;
  });
  const canWrite = can(s.role, "lists.write");
  const kind = list.objectType === "ACTIVITY" ? null : list.objectType;
  const [table, activities, history, editor] = await Promise.all([
    kind ? membersTableData(s, list.id, kind, sp) : null,
    kind ? null : activityMembers(s, list.id, list.objectType, typeof sp.cursor === "string" ? sp.cursor : undefined),
    listHistory(s.ctx, list.id),
    list.processingType === "DYNAMIC" ? listEditorData(s.ctx) : null,
  ]);
  const view: ListView = {
    id: list.id,
    name: list.name,
    description: list.description,
    objectType: list.objectType,
    processingType: list.processingType,
    filter: list.filter,
    memberCount: list.memberCount,
    lastRefreshedAt: list.lastRefreshedAt?.toISOString() ?? null,
    isArchived: list.isArchived,
  };
  const isStatic = list.processingType === "STATIC";
  return (
    <>
      <LiveMembers listId={list.id} />
      <p className="mb-2 text-sm">
        <Link href="/lists" className="text-brand-700 hover:underline">
          ← Lists
        </Link>
      </p>
      <PageHeader
        title={list.name}
        description={`${isStatic ? "Static" : "Dynamic"} list of ${objectTypeLabel(list.objectType).toLowerCase()} · ${formatCount(list.memberCount)} member${list.memberCount === 1 ? "" : "s"}${list.isArchived ? " · archived" : ""}${list.description ? ` · ${list.description}` : ""}`}
        actions={canWrite ? <ListActions list={view} /> : null}
      />
      {!isStatic && editor ? (
        <DynamicListControls list={view} fields={editor.fieldsByType[list.objectType]} options={editor.optionsByType[list.objectType]} canWrite={canWrite} />
      ) : canWrite ? (
        <AddMembersForm list={view} />
      ) : null}
      <section aria-labelledby="list-members">
        <h2 id="list-members" className="mb-2 text-base font-semibold">
          Members
        </h2>
        {table && kind ? (
          <ListMembersTable data={table} listId={list.id} plural={RECORD_KINDS[kind].collection} canRemove={canWrite && isStatic} />
        ) : activities ? (
          <MembersTable list={view} members={activities.members} canRemove={canWrite && isStatic} nextHref={activities.nextHref} />
        ) : null}
      </section>
      <ListHistory entries={history} />
    </>
  );
}
