"use client";

import { FilterBuilder, type FilterField } from "@/components/filter-builder";
import type { FilterGroup } from "@/lib/filters/schema";
import type { ListObjectTypeValue } from "./labels";

/** The list's filter, edited with the shared FilterBuilder; errors by path are listed below it too. */
export function ListFilterEditor({
  objectType,
  fields,
  value,
  onChange,
  errors,
}: {
  objectType: ListObjectTypeValue;
  fields: FilterField[];
  value: FilterGroup;
  onChange: (v: FilterGroup) => void;
  errors: { path: string; message: string }[];
}) {
  return (
    <div className="space-y-2">
      <FilterBuilder objectType={objectType} fields={fields} value={value} onChange={onChange} errors={errors} label="List filter" />
      {errors.length > 0 ? (
        <ul role="alert" className="space-y-0.5 rounded-md bg-red-50 p-2 text-sm text-red-700">
          {errors.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              <code className="text-xs">{e.path}</code>: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
