import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { objectTypeLabel } from "@/components/lists/labels";
import { AddMembersForm, DynamicListControls, MembersTable, type ListView } from "@/components/lists/list-detail";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { filterFieldsByType } from "@/lib/lists/fields";
import { memberTitles, RECORD_PATHS } from "@/lib/lists/queries";
import { getList, listMembers } from "@/lib/lists/service";

export const metadata: Metadata = { title: "List" };

export default async function ListPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ cursor?: string }> }) {
  const s = await requirePageSession();
  const { id } = await params;
  const { cursor } = await searchParams;
  const list = await getList(s.ctx, id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not-found") notFound();
    throw err;
  });
  const canWrite = can(s.role, "lists.write");
  const page = await listMembers(s.ctx, id, { limit: 100, cursor: cursor ?? null }).catch(() => listMembers(s.ctx, id, { limit: 100 }));
  const titles = await memberTitles(s.ctx, list.objectType, page.data.map((m) => m.memberId));
  const base = RECORD_PATHS[list.objectType];
  const view: ListView = {
    id: list.id,
    name: list.name,
    objectType: list.objectType,
    processingType: list.processingType,
    filter: list.filter,
    memberCount: list.memberCount,
    lastRefreshedAt: list.lastRefreshedAt?.toISOString() ?? null,
  };
  const fields = list.processingType === "DYNAMIC" ? (await filterFieldsByType(s.ctx))[list.objectType] : [];
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/lists" className="text-brand-700 hover:underline">
          ← Lists
        </Link>
      </p>
      <PageHeader
        title={list.name}
        description={`${list.processingType === "DYNAMIC" ? "Dynamic" : "Static"} list of ${objectTypeLabel(list.objectType).toLowerCase()} · ${list.memberCount} member${list.memberCount === 1 ? "" : "s"}${list.isArchived ? " · archived" : ""}${list.description ? ` · ${list.description}` : ""}`}
      />
      {list.processingType === "DYNAMIC" ? <DynamicListControls list={view} fields={fields} canWrite={canWrite} /> : canWrite ? <AddMembersForm list={view} /> : null}
      <MembersTable
        list={view}
        canRemove={canWrite && list.processingType === "STATIC"}
        nextHref={page.nextCursor ? `/lists/${list.id}?cursor=${page.nextCursor}` : null}
        members={page.data.map((m) => {
          const t = titles.get(m.memberId);
          return { memberId: m.memberId, title: t?.title ?? m.memberId, deleted: !t || t.deleted, href: base && t && !t.deleted ? `${base}/${m.memberId}` : null, addedAt: m.addedAt, source: m.source };
        })}
      />
    </>
  );
}
