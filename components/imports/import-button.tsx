import { Upload } from "lucide-react";
import Link from "next/link";
import type { ImportKind } from "@/lib/imports/fields";

/** The tables' "Import" button: the upload page with this kind chosen. */
export function ImportButton({ kind }: { kind: ImportKind }) {
  return (
    <Link href={`/settings/imports/new?objectType=${kind}`} className="inline-flex items-center gap-1.5 rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50">
      <Upload className="size-4" aria-hidden /> Import
    </Link>
  );
}
