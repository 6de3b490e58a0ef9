// Small pieces the automation pages share.
import { ChevronLeft } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { BackToSettings } from "@/components/settings/back-link";
import { PageHeader } from "@/components/shell/page-header";
import { cn } from "@/components/ui/cn";
import { statusLabel, statusTone } from "./labels";

export const linkButton = (variant: "primary" | "secondary" = "primary") =>
  cn(
    "inline-flex items-center gap-1.5 rounded-md px-3.5 py-2 text-sm font-medium",
    variant === "primary" ? "bg-brand-600 text-white hover:bg-brand-700" : "bg-white text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50",
  );

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={statusTone(status)}>{statusLabel(status)}</Badge>;
}

/** What reps and readonly members see instead of an admin settings page, as on API keys. */
export function AutomationsForbidden({ title, tenantName, adminOnly = false }: { title: string; tenantName: string; adminOnly?: boolean }) {
  return (
    <>
      <BackToSettings />
      <PageHeader title={title} />
      <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">
        {adminOnly ? "Only admins can create and change automations." : "Only admins and managers can see automations and their execution log."} Ask an admin of {tenantName} if you need a
        change.
      </p>
    </>
  );
}

export function BackTo({ href, label }: { href: string; label: string }) {
  return (
    <Link href={href} className="mb-2 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-brand-700">
      <ChevronLeft className="size-4" aria-hidden /> {label}
    </Link>
  );
}
