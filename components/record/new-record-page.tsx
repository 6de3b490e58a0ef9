// /<collection>/new, shared by the five kinds. `?companyId=` / `?contactId=` pre-fill
// the pickers (e.g. "Add contact" from a company page).
import "server-only";
import { RecordCreateForm } from "@/components/record-form/record-create-form";
import { KIND_WORDS, RECORD_FIELDS } from "@/components/record-form/fields";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { customFieldJson, listCustomFields } from "@/lib/custom-fields/service";
import { AppError } from "@/lib/errors";
import { RECORD_KINDS, type RecordKind } from "@/lib/records/registry";
import { getRecord } from "@/lib/records/service";
import { listMembers } from "@/lib/tenancy/members";
import { isUuid } from "@/lib/uuid";
import { labelFor } from "@/lib/format/labels";

export async function NewRecordPage({ kind, searchParams }: { kind: RecordKind; searchParams: Record<string, string | string[] | undefined> }) {
  const s = await requirePageSession();
  const words = KIND_WORDS[kind];
  const title = `New ${words.singular}`;
  if (!can(s.role, "records.write")) {
    return (
      <>
        <PageHeader title={title} />
        <p className="text-sm text-slate-600">Your role ({labelFor("TENANT_ROLES", s.role).toLowerCase()}) can read {words.plural} but not create them.</p>
      </>
    );
  }
  const fields = RECORD_FIELDS[kind].filter((f) => f.onCreate).map((f) => f.name);
  const initial: Record<string, string> = {};
  const labels: Record<string, string | null> = {};
  for (const [param, refKind] of [["companyId", "COMPANY"], ["contactId", "CONTACT"]] as const) {
    const v = searchParams[param];
    if (typeof v !== "string" || !isUuid(v) || !fields.includes(param)) continue;
    try {
      const ref = await getRecord(s.ctx, refKind, v);
      initial[param] = v;
      labels[param] = RECORD_KINDS[refKind].title(ref);
    } catch (err) {
      if (!(err instanceof AppError && err.code === "not-found")) throw err;
    }
  }
  const [members, definitions] = await Promise.all([listMembers(s.ctx), listCustomFields(s.ctx, kind)]);
  return (
    <>
      <PageHeader title={title} />
      <RecordCreateForm kind={kind} users={members.filter((m) => m.isActive).map((m) => ({ id: m.userId, name: m.name }))} definitions={definitions.map(customFieldJson)} initial={initial} initialRefLabels={labels} />
    </>
  );
}
