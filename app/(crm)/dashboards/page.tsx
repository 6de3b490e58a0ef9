import { LayoutDashboard, Lock, Users } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { NewDashboardButton } from "@/components/dashboards/dashboard-forms";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { listDashboards } from "@/lib/dashboards/service";

export const metadata: Metadata = { title: "Dashboards" };

export default async function DashboardsPage() {
  const s = await requirePageSession();
  const dashboards = await listDashboards(s.ctx);
  return (
    <>
      <PageHeader
        title="Dashboards"
        description="Charts of your pipeline, wins, activities and quotas. Each viewer sees the figures of the records they may see."
        actions={
          <>
            <Link href="/team" className="text-sm font-medium text-brand-700 underline">
              Team
            </Link>
            {can(s.role, "dashboards.write") ? <NewDashboardButton canShare={can(s.role, "dashboards.share")} /> : null}
          </>
        }
      />
      <ul aria-label="Dashboards" className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {dashboards.map((d) => (
          <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-4 hover:border-brand-300">
            <Link href={`/dashboards/${d.id}`} className="flex items-center gap-2 font-medium text-brand-700 underline-offset-2 hover:underline">
              <LayoutDashboard className="size-4" aria-hidden /> {d.name}
            </Link>
            {d.description ? <p className="mt-1 text-sm text-slate-600">{d.description}</p> : null}
            <p className="mt-2 flex items-center gap-1 text-xs text-slate-600">
              {d.visibility === "workspace" ? <Users className="size-3.5" aria-hidden /> : <Lock className="size-3.5" aria-hidden />}
              {d.visibility === "workspace" ? "Shared with the workspace" : "Private"} · {d.widgetCount === 1 ? "1 widget" : `${d.widgetCount} widgets`}
              {d.isDefault ? " · default" : ""}
            </p>
          </li>
        ))}
      </ul>
      {dashboards.length === 1 && can(s.role, "dashboards.write") ? (
        <p className="mt-4 text-sm text-slate-600">Want your own view? Create a <strong>New dashboard</strong> and add widgets to it — private to you, or shared by a manager.</p>
      ) : null}
    </>
  );
}
