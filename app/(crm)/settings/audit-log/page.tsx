import type { Metadata } from "next";
import Link from "next/link";
import { linkButton } from "@/components/automations/shared";
import { BackToSettings } from "@/components/settings/back-link";
import { AuditFilters } from "@/components/settings/audit/audit-filters";
import { AuditTable } from "@/components/settings/audit/audit-table";
import { PageHeader } from "@/components/shell/page-header";
import { actorNames } from "@/lib/audit/names";
import { listAuditLog } from "@/lib/audit/queries";
import { auditQuerySchema } from "@/lib/audit/schemas";
import { auditQueryOf, auditUrl, loadAuditUrl } from "@/lib/audit/url";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Audit log" };

const PATH = "/settings/audit-log";

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const s = await requirePageSession();
  if (!can(s.role, "audit.read")) {
    return (
      <>
        <BackToSettings />
        <PageHeader title="Audit log" />
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">Only admins can read the audit log of {s.tenantName}.</p>
      </>
    );
  }
  const url = loadAuditUrl(await searchParams);
  // A bad parameter (hand-edited URL) is dropped rather than failing the page.
  const parsed = auditQuerySchema.safeParse(auditQueryOf(url));
  const query = parsed.success ? parsed.data : {};
  const [page, { names, members }] = await Promise.all([listAuditLog(s.ctx, query), actorNames(s.ctx)]);
  const { cursor: _c, ...filters } = parsed.success ? auditQueryOf(url) : {};
  const csvHref = `/api/audit-log/export?${new URLSearchParams(filters as Record<string, string>)}`;
  return (
    <>
      <BackToSettings />
      <PageHeader
        title="Audit log"
        description="Sign-ins, membership and key changes, exports, and every change of every record: who, when, from where. Entries can be neither changed nor deleted."
        actions={
          <a href={csvHref} download className={linkButton("secondary")}>
            Export CSV
          </a>
        }
      />
      <AuditFilters members={members} />
      {parsed.success ? null : <p role="alert" className="mb-3 text-sm text-red-600">Some filters in the address were not understood and are ignored.</p>}
      <AuditTable rows={page.data} names={names} />
      <div className="mt-3 flex gap-2">
        {url.cursor ? (
          <Link href={auditUrl(PATH, { ...url, cursor: null })} className={linkButton("secondary")}>
            Newest
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link href={auditUrl(PATH, { ...url, cursor: page.nextCursor })} className={linkButton("secondary")}>
            Older
          </Link>
        ) : null}
      </div>
    </>
  );
}
