// The page an unsubscribe link opens: public, asks once, then confirms. The button posts
// to the link itself (lib/email/public-routes.ts), which also takes mail clients' one-click.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { limited } from "@/lib/email/public-routes";
import { unsubscribeTarget } from "@/lib/email/unsubscribe";

export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false } };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ done?: string }> };

export default async function UnsubscribePage({ params, searchParams }: Props) {
  const { token } = await params;
  const { done } = await searchParams;
  if (limited({ headers: await headers() } as never)) notFound();
  const target = await unsubscribeTarget(token);
  if (!target) notFound();
  const unsubscribed = done === "1" || target.unsubscribed;
  return (
    <main className="flex min-h-screen items-start justify-center bg-slate-50 px-4 py-8 sm:items-center">
      <div className="w-full max-w-lg rounded-xl bg-white p-6 shadow ring-1 ring-slate-200 sm:p-8">
        <h1 className="mb-3 text-2xl font-semibold tracking-tight text-slate-900">{unsubscribed ? "You are unsubscribed" : "Unsubscribe"}</h1>
        {unsubscribed ? (
          <p role="status" className="text-slate-700">
            {target.addresses.join(", ")} will get no more campaign or sequence emails from {target.workspace}.
          </p>
        ) : (
          <form method="post" action={`/api/public/email/u/${encodeURIComponent(token)}`} className="space-y-4">
            <p className="text-slate-700">
              Stop campaign and sequence emails from {target.workspace} to {target.addresses.join(", ")}?
            </p>
            <input type="hidden" name="confirm" value="yes" />
            <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700">
              Unsubscribe
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
