import type { Metadata } from "next";
import Link from "next/link";
import { CreateListDialog } from "@/components/lists/create-list-dialog";
import { ListsTable } from "@/components/lists/lists-table";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { listEditorData } from "@/lib/lists/fields";
import { listLists } from "@/lib/lists/queries";
import { listMembers as listTenantMembers } from "@/lib/tenancy/members";

export const metadata: Metadata = { title: "Lists" };

export default async function ListsPage({ searchParams }: { searchParams: Promise<{ archived?: string }> }) {
  const s = await requirePageSession();
  const showArchived = (await searchParams).archived === "1";
  const canWrite = can(s.role, "lists.write");
  const [lists, people, editor] = await Promise.all([listLists(s.ctx, { archived: showArchived ? "all" : "false" }), listTenantMembers(s.ctx), canWrite ? listEditorData(s.ctx) : null]);
  const names = new Map(people.map((p) => [p.userId, p.name || p.email]));
  return (
    <>
      <PageHeader
        title="Lists"
        description="Static lists are curated by hand; dynamic lists hold every record matching a filter."
        actions={editor ? <CreateListDialog fieldsByType={editor.fieldsByType} optionsByType={editor.optionsByType} /> : null}
      />
      <p className="mb-3 text-sm">
        <Link href={showArchived ? "/lists" : "/lists?archived=1"} className="text-brand-700 hover:underline">
          {showArchived ? "Hide archived lists" : "Show archived lists"}
        </Link>
      </p>
      <ListsTable
        canWrite={canWrite}
        rows={lists.map((l) => ({
          id: l.id,
          name: l.name,
          description: l.description,
          objectType: l.objectType,
          processingType: l.processingType,
          memberCount: l.memberCount,
          ownerName: l.ownerUserId ? (names.get(l.ownerUserId) ?? null) : null,
          lastRefreshedAt: l.lastRefreshedAt?.toISOString() ?? null,
          isArchived: l.isArchived,
        }))}
      />
    </>
  );
}
