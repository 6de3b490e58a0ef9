import { Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { dataTableActions } from "@/components/data-table/actions";
import { EmptyRecords } from "@/components/onboarding/empty-records";
import { GettingStartedCard } from "@/components/onboarding/getting-started";
import { PageHeader } from "@/components/shell/page-header";
import { ImportButton } from "@/components/imports/import-button";
import { requirePageSession } from "@/lib/auth/session";
import { gettingStartedFor } from "@/lib/onboarding/getting-started";
import { loadDataTable } from "@/lib/views/bootstrap";

export const metadata: Metadata = { title: "Contacts" };

export default async function ContactsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requirePageSession();
  const [data, onboarding] = await Promise.all([loadDataTable(session, "CONTACT", await searchParams), gettingStartedFor(session)]);
  return (
    <>
      <PageHeader
        title="Contacts"
        actions={
          <>
            <Link href="/contacts/duplicates" className="text-sm font-medium text-brand-700 underline">
              Duplicates
            </Link>
            {data.can.write ? (
              <>
                <ImportButton kind="CONTACT" />
                <Link href="/contacts/new" className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
                  <Plus className="size-4" aria-hidden /> New contact
                </Link>
              </>
            ) : null}
          </>
        }
      />
      {onboarding && !onboarding.dismissed ? <GettingStartedCard state={onboarding} /> : null}
      <DataTable
        data={data}
        plural="contacts"
        actions={dataTableActions("CONTACT")}
        emptyState={<EmptyRecords plural="contacts" singular="contact" newHref="/contacts/new" canWrite={data.can.write} canLoadDemo={!!onboarding?.empty} />}
      />
    </>
  );
}
