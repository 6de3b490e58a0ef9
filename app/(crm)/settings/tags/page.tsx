import type { Metadata } from "next";
import { BackToSettings } from "@/components/settings/back-link";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { listTags } from "@/lib/tags/service";
import { TagDialog } from "@/components/tags/tag-dialog";
import { TagsTable } from "@/components/tags/tags-table";

export const metadata: Metadata = { title: "Tags" };

export default async function TagsSettingsPage() {
  const s = await requirePageSession();
  if (s.role !== "admin" && s.role !== "manager") {
    return (
      <>
        <BackToSettings />
        <PageHeader title="Tags" />
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">Only admins and managers can see the tag settings. You can still add tags to records.</p>
      </>
    );
  }
  const canManage = can(s.role, "fields.manage");
  const tags = await listTags(s.ctx, { withCounts: true });
  return (
    <>
      <BackToSettings />
      <PageHeader
        title="Tags"
        description={
          canManage
            ? "Coloured labels for every kind of record. Renaming or deleting a tag changes it on every record that has it."
            : "Coloured labels for every kind of record. Only admins can change them."
        }
        actions={canManage ? <TagDialog /> : null}
      />
      <TagsTable tags={tags.map((t) => ({ id: t.id, name: t.name, color: t.color, category: t.category, usageCount: t.usageCount ?? 0 }))} canManage={canManage} />
    </>
  );
}
