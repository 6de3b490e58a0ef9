import { ChevronLeft } from "lucide-react";
import Link from "next/link";

export function BackToSettings() {
  return (
    <Link href="/settings" className="mb-2 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-brand-700">
      <ChevronLeft className="size-4" aria-hidden /> Settings
    </Link>
  );
}
