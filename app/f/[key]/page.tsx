// The hosted page of a web form (/f/<key>): public, for people without a website of their
// own. Its query string's utm_* values go along as hidden fields.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HostedWebForm } from "@/components/leads/hosted-web-form";
import { AppError } from "@/lib/errors";
import { webFormByKey } from "@/lib/leads/web-form-submit";
import { UTM_PARAMS } from "@/lib/leads/web-form-schemas";

type Props = { params: Promise<{ key: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function formOf(key: string) {
  try {
    return (await webFormByKey(key)).form;
  } catch (err) {
    if (err instanceof AppError && err.code === "not-found") notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await formOf((await params).key)).name };
}

export default async function HostedFormPage({ params, searchParams }: Props) {
  const { key } = await params;
  const form = await formOf(key);
  const query = await searchParams;
  const utm = Object.fromEntries(UTM_PARAMS.map((p) => [p, typeof query[p] === "string" ? query[p] : ""]));
  return (
    <main className="flex min-h-screen items-start justify-center bg-slate-50 px-4 py-8 sm:items-center">
      <div className="w-full max-w-lg rounded-xl bg-white p-6 shadow ring-1 ring-slate-200 sm:p-8">
        <h1 className="mb-4 text-2xl font-semibold tracking-tight text-slate-900">{form.name}</h1>
        <HostedWebForm formKey={form.key} fields={form.fields} utm={utm} redirectUrl={form.redirectUrl} />
      </div>
    </main>
  );
}
