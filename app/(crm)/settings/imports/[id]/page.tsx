import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChevronLeft } from "lucide-react";
import { ImportDetail } from "@/components/imports/import-detail";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageSession } from "@/lib/auth/session";
import { listCustomFields } from "@/lib/custom-fields/service";
import { AppError } from "@/lib/errors";
import { importFields, matchKeys } from "@/lib/imports/fields";
import { getImport } from "@/lib/imports/service";
import { listLists } from "@/lib/lists/queries";
import { KIND_WORDS } from "@/lib/records/kinds";
import { listMembers } from "@/lib/tenancy/members";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage({ params }: { params: Promise<{ id: string }> }) {
  const s = await requirePageSession();
  const { id } = await params;
  const imp = await getImport(s.ctx, id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not-found") notFound();
    throw err;
  });
  const kind = imp.objectType;
  const [custom, lists, members] = await Promise.all([listCustomFields(s.ctx, kind), listLists(s.ctx, { objectType: kind }), listMembers(s.ctx)]);
  const fields = importFields(kind, custom);
  const label = (path: string) => (path === "id" ? "Record ID" : fields.find((f) => f.path === path)?.label ?? path);
  return (
    <>
      <Link href="/settings/imports" className="mb-2 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-brand-700">
        <ChevronLeft className="size-4" aria-hidden /> Imports
      </Link>
      <PageHeader title={`Import of ${KIND_WORDS[kind].plural}`} />
      <ImportDetail
        initial={imp}
        fields={fields}
        matchKeys={matchKeys(kind, custom).map((k) => ({ value: k, label: label(k) }))}
        lists={lists.filter((l) => l.processingType === "STATIC" && !l.isArchived).map((l) => ({ value: l.id, label: l.name }))}
        members={members.filter((m) => m.isActive).map((m) => ({ value: m.userId, label: `${m.name} (${m.email})` }))}
        plural={KIND_WORDS[kind].plural}
      />
    </>
  );
}
