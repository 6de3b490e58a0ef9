"use client";

// Filters of the execution log, kept in the URL: status, time range, automation, record.
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { RecordPicker } from "@/components/record-form/record-picker";
import { SelectField } from "@/components/ui/select-field";
import { Button } from "@/components/ui/button";
import { ENTITY_TYPES, EXECUTION_STATUSES, TIME_RANGES, type EntityType } from "./labels";

export interface ExecutionFilterValues {
  status?: string;
  range?: string;
  automationId?: string;
  entityType?: string;
  entityId?: string;
  recordLabel?: string;
}

export function ExecutionFilters({ value, automations }: { value: ExecutionFilterValues; automations?: { id: string; name: string }[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const [status, setStatus] = useState(value.status ?? "");
  const [range, setRange] = useState(value.range ?? "");
  const [automationId, setAutomationId] = useState(value.automationId ?? "");
  const [entityType, setEntityType] = useState<EntityType>((value.entityType as EntityType) ?? "DEAL");
  const [record, setRecord] = useState<{ id: string; label: string } | null>(value.entityId ? { id: value.entityId, label: value.recordLabel ?? value.entityId } : null);

  const apply = (e: React.FormEvent) => {
    e.preventDefault();
    const p = new URLSearchParams();
    if (status) p.set("status", status);
    if (range) p.set("range", range);
    if (automationId) p.set("automationId", automationId);
    if (record) {
      p.set("entityType", entityType);
      p.set("entityId", record.id);
      p.set("record", record.label);
    }
    router.push(p.size ? `${pathname}?${p}` : pathname);
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
