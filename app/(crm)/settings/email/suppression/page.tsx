import type { Metadata } from "next";
import Link from "next/link";
import { linkButton } from "@/components/automations/shared";
import { SuppressAddressDialog, SuppressionTable } from "@/components/email/suppression-list";
import { PageHeader } from "@/components/shell/page-header";
import { inputClass } from "@/components/ui/field";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { listSuppressions } from "@/lib/email/suppression";
import { suppressionListQuerySchema } from "@/lib/email/suppression-schemas";

export const metadata: Metadata = { title: "Suppression list" };

const PATH = "/settings/email/suppression";
const PAGE_SIZE = 50;

const hrefOf = (q: string | undefined, cursor?: string | null) => {
  const p = new URLSearchParams({ ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) });
  return p.size ? `${PATH}?${p}` : PATH;
};

function BackToEmail() {
  return (
    <Link href="/settings/email" className="mb-2 inline-flex text-sm text-slate-600 hover:text-brand-700">
      ← Email settings
    </Link>
  );
}

export default async function SuppressionListPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const s = await requirePageSession();
  if (!can(s.role, "emailSuppressions.read")) {
    return (
      <>
        <BackToEmail />
        <PageHeader title="Suppression list" />
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">Only admins and managers can see the suppression list of {s.tenantName}.</p>
      </>
    );
  }
  // a bad parameter (hand-edited URL) is dropped rather than failing the page
  const parsed = suppressionListQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : {};
  const page = await listSuppressions(s.ctx, { limit: PAGE_SIZE, cursor: query.cursor ?? null, q: query.q ?? null });
  const canManage = can(s.role, "settings.manage");
  return (
    <>
      <BackToEmail />
      <PageHeader
        title="Suppression list"
        description="Addresses that get no campaign or sequence email: they are left out of a campaign's recipients and their sequences stop. Emails sent by hand from a record are not held back."
        actions={canManage ? <SuppressAddressDialog /> : null}
      />
      <form role="search" action={PATH} className="mb-4 flex max-w-md items-end gap-2">
        <label className="grow text-sm font-medium text-slate-700">
          Search by address
          <input type="search" name="q" defaultValue={query.q ?? ""} className={`${inputClass} mt-1`} />
        </label>
        <button type="submit" className={linkButton("secondary")}>
          Search
        </button>
      </form>
      <SuppressionTable entries={page.data} canManage={canManage} searched={!!query.q} />
      <div className="mt-3 flex gap-2">
        {query.cursor ? (
          <Link href={hrefOf(query.q)} className={linkButton("secondary")}>
            Newest
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link href={hrefOf(query.q, page.nextCursor)} className={linkButton("secondary")}>
            Older
          </Link>
        ) : null}
      </div>
    </>
  );
}
