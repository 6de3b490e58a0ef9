"use client";

import { useMemo, useState } from "react";
import { FilterBuilder, type FilterField, type FilterValueOptions } from "@/components/filter-builder";
import { EMPTY_FILTER } from "@/components/filter-builder/tree";
import { Button } from "@/components/ui/button";
import type { ValidationIssue } from "@/lib/errors";
import type { FilterObjectType } from "@/lib/filters/fields";
import { validateCompleteFilter } from "@/lib/filters/complete";
import type { FilterGroup } from "@/lib/filters/schema";
import type { TableCustomField } from "@/lib/views/columns";

/**
 * The table's filter editor: a draft edited with FilterBuilder, checked by
 * validateCompleteFilter (the same check the server runs: an unfinished condition is
 * flagged on that condition, never applied) and applied to the URL only when valid.
 */
export function FilterPanel({
  id,
  objectType,
  fields,
  options,
  customFields,
  applied,
  initialDraft,
  initialErrors,
  onApply,
  onClose,
}: {
  id: string;
  objectType: FilterObjectType;
  fields: FilterField[];
  options: FilterValueOptions;
  customFields: TableCustomField[];
  applied: FilterGroup | null;
  /** An invalid filter from the link, to be fixed here. */
  initialDraft: FilterGroup | null;
  initialErrors: ValidationIssue[];
  onApply: (filter: FilterGroup | null) => void;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState<FilterGroup>(initialDraft ?? applied ?? EMPTY_FILTER);
  const [showErrors, setShowErrors] = useState(initialErrors.length > 0);
  const result = useMemo(() => validateCompleteFilter(objectType, draft, { customFields }), [objectType, draft, customFields]);
  const errors = result.ok ? [] : result.errors;
  return (
    <section id={id} aria-label="Filter" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!result.ok) {
            setShowErrors(true);
            return;
          }
          onApply(draft);
        }}
        className="space-y-3"
      >
        <FilterBuilder objectType={objectType} fields={fields} value={draft} onChange={setDraft} errors={showErrors ? errors : undefined} options={options} label="Filter" empty="No conditions: every record matches." />
        {showErrors && errors.length > 0 ? (
          <p role="alert" className="text-sm text-red-700">
            Fix the {errors.length === 1 ? "condition" : `${errors.length} problems`} marked above to apply the filter.
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2 border-t border-slate-100 pt-3">
          <Button type="submit" size="sm">
            Apply filter
          </Button>
          <Button size="sm" variant="secondary" onClick={() => onApply(null)} disabled={!applied && draft === EMPTY_FILTER}>
            Clear filter
          </Button>
          <Button size="sm" variant="ghost" onClick={onClose}>
            Close
          </Button>
        </div>
      </form>
    </section>
  );
}
