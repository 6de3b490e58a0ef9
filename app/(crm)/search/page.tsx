import type { Metadata } from "next";
import { createLoader } from "nuqs/server";
import { SearchResults } from "@/components/search/search-results";
import { PageHeader } from "@/components/shell/page-header";
import { inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { requirePageSession } from "@/lib/auth/session";
import { MAX_QUERY_LENGTH } from "@/lib/search/query-limits";
import { searchAll } from "@/lib/search/search";
import { parseAsText } from "@/lib/search-params";

export const metadata: Metadata = { title: "Search" };

const PER_TYPE = 25;
const loadSearchUrl = createLoader({ q: parseAsText(MAX_QUERY_LENGTH) });

export default async function SearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const s = await requirePageSession();
  const { q } = loadSearchUrl(await searchParams);
  const hits = q ? await searchAll(s.ctx, q, { limit: PER_TYPE }) : [];
  return (
    <>
      <PageHeader title="Search" description={q ? `Results for “${q}”, best match first (up to ${PER_TYPE} per type)` : "Contacts, companies, deals, leads and tickets"} />
      <form role="search" action="/search" className="mb-6 flex max-w-xl gap-2">
        <label htmlFor="search-page-q" className="sr-only">
          Search records
        </label>
        <input id="search-page-q" name="q" type="search" defaultValue={q} maxLength={MAX_QUERY_LENGTH} placeholder="Name, email, company, deal, subject…" className={inputClass} />
        <Button type="submit">Search</Button>
      </form>
      {q ? <SearchResults q={q} hits={hits} /> : <p className="text-sm text-slate-600">Type a name, an email, a company, a deal or a ticket subject. Small typos are forgiven.</p>}
    </>
  );
}
