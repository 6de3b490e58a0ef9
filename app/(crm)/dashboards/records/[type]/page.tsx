// A widget's drill-down for deals and leads: their table across every pipeline, filtered by
// the URL's ?filter= (the same URL state as every record table, lib/views/url-state.ts).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/data-table";
import { dataTableActions } from "@/components/data-table/actions";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageSession } from "@/lib/auth/session";
import { loadDataTable } from "@/lib/views/bootstrap";

export const metadata: Metadata = { title: "Records" };

const KINDS = { deals: { kind: "DEAL", title: "Deals", plural: "deals" }, leads: { kind: "LEAD", title: "Leads", plural: "leads" } } as const;

export default async function DrillPage({ params, searchParams }: { params: Promise<{ type: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { type } = await params;
  const k = KINDS[type as keyof typeof KINDS];
  if (!k) notFound();
  const session = await requirePageSession();
  const data = await loadDataTable(session, k.kind, await searchParams);
  return (
    <>
      <PageHeader
        title={`${k.title} in every pipeline`}
        description="The records behind a dashboard figure; change the filter to look further."
        actions={
          <Link href="/dashboards" className="text-sm font-medium text-brand-700 underline">
            Back to dashboards
          </Link>
        }
      />
      <DataTable data={data} plural={k.plural} actions={dataTableActions(k.kind)} hrefBase={`/dashboards/records/${type}`} />
    </>
  );
}
