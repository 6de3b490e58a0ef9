"use client";

// "Who can see this?" on a record page (admins; issue 15 item 5): every active member with
// whether they see and edit the record and why — the database's own access rule, evaluated
// as each of them — and, for one member, what they can see of this type.
import { useQuery } from "@tanstack/react-query";
import { ShieldQuestion } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/dialog";
import { SelectField } from "@/components/ui/select-field";
import { actionData } from "@/lib/action-result";
import { KIND_WORDS, type RecordKind } from "@/lib/records/kinds";
import { explainRecordAccessAction, recordsVisibleToAction } from "@/lib/tenancy/actions";
import { formatCount } from "@/lib/views/count";

const ROLE_LABEL: Record<string, string> = { admin: "Admin", manager: "Manager", sales_rep: "Sales rep", readonly: "Read-only" };

export function AccessExplainButton({ kind, id, title }: { kind: RecordKind; id: string; title: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Modal
      open={open}
      onOpenChange={setOpen}
      title={`Who can see ${title}?`}
      description="Worked out by the database's own access rule, as each member of the workspace (Settings → Access)."
      className="max-w-3xl"
      trigger={
        <Button variant="secondary">
          <ShieldQuestion className="size-4" aria-hidden /> Who can see this?
        </Button>
      }
    >
      {open ? <AccessExplanation kind={kind} id={id} /> : null}
    </Modal>
  );
}

function AccessExplanation({ kind, id }: { kind: RecordKind; id: string }) {
  const query = useQuery({ queryKey: ["access-explain", kind, id], queryFn: () => actionData(explainRecordAccessAction({ kind, id })), gcTime: 0 });
  const [userId, setUserId] = useState("");
  if (query.isPending) return <p className="text-sm text-slate-600">Working it out…</p>;
  if (query.isError) return <p role="alert" className="text-sm text-red-700">{query.error.message}</p>;
  const verdicts = query.data;
  return (
    <div className="space-y-6">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Members and their access to this {KIND_WORDS[kind].singular.toLowerCase()}</caption>
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-3 font-semibold">Member</th>
            <th scope="col" className="py-1 pr-3 font-semibold">Sees it</th>
            <th scope="col" className="py-1 pr-3 font-semibold">Edits it</th>
            <th scope="col" className="py-1 font-semibold">Why</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {verdicts.map((v) => (
            <tr key={v.userId} className="align-top">
              <th scope="row" className="py-2 pr-3 font-medium">
                {v.name}
                <span className="block text-xs font-normal text-slate-500">{ROLE_LABEL[v.role] ?? v.role}</span>
              </th>
              <td className="py-2 pr-3">{v.canRead ? <Badge tone="green">Yes</Badge> : <Badge>No</Badge>}</td>
              <td className="py-2 pr-3">{v.canWrite ? <Badge tone="green">Yes</Badge> : <Badge>No</Badge>}</td>
              <td className="py-2 text-slate-700">
                <ul className="space-y-0.5">
                  {v.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-labelledby="visible-to-heading" className="space-y-2">
        <h3 id="visible-to-heading" className="text-sm font-semibold">
          What a member can see of {KIND_WORDS[kind].plural.toLowerCase()}
        </h3>
        <SelectField
          label="Member"
          value={userId}
          onChange={(e) => setUserId(e.target.value)}
          options={[{ value: "", label: "Choose a member…" }, ...verdicts.map((v) => ({ value: v.userId, label: `${v.name} (${ROLE_LABEL[v.role] ?? v.role})` }))]}
        />
        {userId ? <VisibleTo kind={kind} userId={userId} /> : null}
      </section>
    </div>
  );
}

function VisibleTo({ kind, userId }: { kind: RecordKind; userId: string }) {
  const words = KIND_WORDS[kind];
  const query = useQuery({ queryKey: ["records-visible-to", kind, userId], queryFn: () => actionData(recordsVisibleToAction({ kind, userId })), gcTime: 0 });
  if (query.isPending) return <p className="text-sm text-slate-600">Reading as them…</p>;
  if (query.isError) return <p role="alert" className="text-sm text-red-700">{query.error.message}</p>;
  const { count, capped, records } = query.data;
  return (
    <div aria-live="polite" className="space-y-1 text-sm">
      <p>
        They see <strong>{formatCount({ count, capped })}</strong> {count === 1 ? words.singular.toLowerCase() : words.plural.toLowerCase()}
        {records.length < count ? `; the first ${records.length}:` : records.length > 0 ? ":" : "."}
      </p>
      {records.length > 0 ? (
        <ul aria-label={`${words.plural} they can see`} className="list-disc pl-5">
          {records.map((r) => (
            <li key={r.id}>
              <Link href={`/${words.collection}/${r.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                {r.title}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
