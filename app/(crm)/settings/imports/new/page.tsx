import type { Metadata } from "next";
import Link from "next/link";
import { ChevronLeft } from "lucide-react";
import { UploadForm } from "@/components/imports/upload-form";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageSession } from "@/lib/auth/session";
import { IMPORT_KINDS, type ImportKind } from "@/lib/imports/fields";

export const metadata: Metadata = { title: "New import" };

export default async function NewImportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageSession();
  const wanted = (await searchParams).objectType;
  const kind = (IMPORT_KINDS as readonly string[]).includes(String(wanted)) ? (wanted as ImportKind) : "CONTACT";
  return (
    <>
      <Link href="/settings/imports" className="mb-2 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-brand-700">
        <ChevronLeft className="size-4" aria-hidden /> Imports
      </Link>
      <PageHeader title="Import a CSV file" description="Upload the file, map its columns, check the first rows, then start." />
      <UploadForm defaultKind={kind} />
    </>
  );
}
