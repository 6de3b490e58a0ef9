import { Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { dataTableActions } from "@/components/data-table/actions";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageSession } from "@/lib/auth/session";
import { loadDataTable } from "@/lib/views/bootstrap";

export const metadata: Metadata = { title: "Contacts" };

export default async function ContactsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requirePageSession();
  const data = await loadDataTable(session, "CONTACT", await searchParams);
  return (
    <>
      <PageHeader
        title="Contacts"
        actions={
          data.can.write ? (
            <Link href="/contacts/new" className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
              <Plus className="size-4" aria-hidden /> New contact
            </Link>
          ) : null
        }
      />
      <DataTable data={data} plural="contacts" actions={dataTableActions("CONTACT")} />
    </>
  );
}
