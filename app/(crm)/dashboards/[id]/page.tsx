import { ChevronLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DashboardSettings } from "@/components/dashboards/dashboard-forms";
import { DashboardGrid } from "@/components/dashboards/dashboard-grid";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { loadEditorData } from "@/lib/dashboards/editor-data";
import { dashboardData, getDashboard } from "@/lib/dashboards/service";
import { AppError } from "@/lib/errors";
import { getWorkspace } from "@/lib/workspace/service";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ params }: { params: Promise<{ id: string }> }) {
  const s = await requirePageSession();
  const { id } = await params;
  const dashboard = await getDashboard(s.ctx, id).catch((err) => {
    if (err instanceof AppError && err.code === "not-found") notFound();
    throw err;
  });
  const [data, editor, workspace] = await Promise.all([dashboardData(s.ctx, dashboard.widgets), dashboard.canEdit ? loadEditorData(s.ctx) : null, getWorkspace(s.ctx)]);
  return (
    <>
      <Link href="/dashboards" className="mb-2 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-brand-700">
        <ChevronLeft className="size-4" aria-hidden /> All dashboards
      </Link>
      <PageHeader
        title={dashboard.name}
        description={`${dashboard.visibility === "workspace" ? "Shared with the workspace" : "Private"} · periods in ${workspace.timeZone} · click a bar or slice to see its records`}
        actions={dashboard.canEdit ? <DashboardSettings id={dashboard.id} name={dashboard.name} visibility={dashboard.visibility} isDefault={dashboard.isDefault} canShare={can(s.role, "dashboards.share")} /> : null}
      />
      <DashboardGrid dashboardId={dashboard.id} widgets={dashboard.widgets} data={data} canEdit={dashboard.canEdit} editor={editor} currency={workspace.currency} />
    </>
  );
}
