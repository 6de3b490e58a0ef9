import type { Metadata } from "next";
import Link from "next/link";
import { BackToSettings } from "@/components/settings/back-link";
import { PageHeader } from "@/components/shell/page-header";
import { cn } from "@/components/ui/cn";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { CUSTOM_FIELD_OBJECT_TYPES, OBJECT_TYPE_LABELS, type CustomFieldObjectType } from "@/lib/custom-fields/schemas";
import { customFieldJson, listCustomFields } from "@/lib/custom-fields/service";
import { capitalize } from "@/lib/records/kinds";
import { FieldDialog } from "@/components/custom-fields/field-dialog";
import { FieldsTable } from "@/components/custom-fields/fields-table";

export const metadata: Metadata = { title: "Fields" };

const title = (t: CustomFieldObjectType) => capitalize(OBJECT_TYPE_LABELS[t].plural);

export default async function FieldsSettingsPage({ searchParams }: { searchParams: Promise<{ type?: string }> }) {
  const s = await requirePageSession();
  const raw = (await searchParams).type?.toUpperCase();
  const objectType: CustomFieldObjectType = (CUSTOM_FIELD_OBJECT_TYPES as readonly string[]).includes(raw ?? "") ? (raw as CustomFieldObjectType) : "CONTACT";
  const canManage = can(s.role, "fields.manage");
  const fields = (await listCustomFields(s.ctx, objectType)).map(customFieldJson);
  return (
    <>
      <BackToSettings />
      <PageHeader
        title="Fields"
        description={canManage ? "Custom fields add your own data to records. Their values are checked on every save, from the app and the API." : "Custom fields of records. Only admins can change them."}
        actions={canManage ? <FieldDialog objectType={objectType} /> : null}
      />
      <nav aria-label="Record type" className="mb-4 flex flex-wrap gap-1 border-b border-slate-200">
        {CUSTOM_FIELD_OBJECT_TYPES.map((t) => (
          <Link
            key={t}
            href={`/settings/fields?type=${t.toLowerCase()}`}
            aria-current={t === objectType ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
              t === objectType ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900",
            )}
          >
            {title(t)}
          </Link>
        ))}
      </nav>
      <FieldsTable objectType={objectType} fields={fields} canManage={canManage} />
      <p className="mt-4 text-sm text-slate-500">
        Deleting a field keeps the values already saved on records, but they are no longer shown, checked or editable. The key of a field never changes; its type cannot either.{" "}
        <Link href="/settings/tags" className="text-brand-700 underline">
          Tags
        </Link>{" "}
        are managed on their own page.
      </p>
    </>
  );
}
