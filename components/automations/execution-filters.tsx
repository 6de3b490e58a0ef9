"use client";

// Filters of the execution log, kept in the URL: status, time range, automation, record.
import { useQueryStates } from "nuqs";
import { useState } from "react";
import { RecordPicker } from "@/components/record-form/record-picker";
import { SelectField } from "@/components/ui/select-field";
import { Button } from "@/components/ui/button";
import { executionUrlParsers } from "@/lib/automations/execution-url";
import { ENTITY_TYPES, EXECUTION_STATUSES, TIME_RANGES, type EntityType } from "./labels";

export function ExecutionFilters({ automations }: { automations?: { id: string; name: string }[] }) {
  // not shallow: the server page lists the executions the new filters select
  const [url, setUrl] = useQueryStates(executionUrlParsers, { shallow: false, history: "push" });
  const [status, setStatus] = useState(url.status ?? "");
  const [range, setRange] = useState(url.range ?? "");
  const [automationId, setAutomationId] = useState(url.automationId ?? "");
  const [entityType, setEntityType] = useState<EntityType>((url.entityType as EntityType | null) ?? "DEAL");
  const [record, setRecord] = useState<{ id: string; label: string } | null>(url.entityId ? { id: url.entityId, label: url.record ?? url.entityId } : null);

  const apply = (e: React.FormEvent) => {
    e.preventDefault();
    void setUrl({
      status: status || null,
      range: range || null,
      automationId: automationId || null,
      entityType: record ? entityType : null,
      entityId: record?.id ?? null,
      record: record?.label ?? null,
      cursor: null,
    });
  };

  return (
    <form onSubmit={apply} aria-label="Filter executions" className="mb-4 grid items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-2 lg:grid-cols-6">
      <SelectField label="Status" options={[{ value: "", label: "Any status" }, ...EXECUTION_STATUSES]} value={status} onChange={(e) => setStatus(e.target.value)} />
      <SelectField label="Time" options={TIME_RANGES} value={range} onChange={(e) => setRange(e.target.value)} />
      {automations ? (
        <SelectField label="Automation" options={[{ value: "", label: "All automations" }, ...automations.map((a) => ({ value: a.id, label: a.name }))]} value={automationId} onChange={(e) => setAutomationId(e.target.value)} />
      ) : null}
      <SelectField
        label="Record type"
        options={ENTITY_TYPES}
        value={entityType}
        onChange={(e) => {
          setEntityType(e.target.value as EntityType);
          setRecord(null);
        }}
      />
      <RecordPicker
        kind={{ recordType: entityType, noun: ENTITY_TYPES.find((t) => t.value === entityType)!.label.toLowerCase() }}
        label="Record"
        value={record?.id ?? null}
        valueLabel={record?.label ?? null}
        onChange={(id, label) => setRecord(id ? { id, label: label ?? id } : null)}
      />
      <Button type="submit">Apply filters</Button>
    </form>
  );
}
