"use client";

// Filters of the audit log, kept in the URL: user, action, record, dates.
import { useQueryStates } from "nuqs";
import { useState } from "react";
import { typeOptions } from "@/components/records/type-labels";
import { RecordPicker } from "@/components/record-form/record-picker";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { enumOptions } from "@/lib/format/labels";
import { auditUrlParsers } from "@/lib/audit/url";

const RECORD_TYPES = typeOptions(["CONTACT", "COMPANY", "DEAL", "LEAD", "TICKET"]);
type RecordType = (typeof RECORD_TYPES)[number]["value"];

export function AuditFilters({ members }: { members: { id: string; name: string }[] }) {
  // not shallow: the server page lists the entries the new filters select
  const [url, setUrl] = useQueryStates(auditUrlParsers, { shallow: false, history: "push" });
  const [actorUserId, setActor] = useState(url.actorUserId ?? "");
  const [action, setAction] = useState(url.action ?? "");
  const [recordType, setRecordType] = useState<RecordType>((url.recordType as RecordType | null) ?? "CONTACT");
  const [record, setRecord] = useState<{ id: string; label: string } | null>(url.recordId ? { id: url.recordId, label: url.record ?? url.recordId } : null);
  const [from, setFrom] = useState(url.from ?? "");
  const [to, setTo] = useState(url.to ?? "");

  const apply = (e: React.FormEvent) => {
    e.preventDefault();
    void setUrl({
      actorUserId: actorUserId || null,
      action: action || null,
      recordType: record ? recordType : null,
      recordId: record?.id ?? null,
      record: record?.label ?? null,
      from: from || null,
      to: to || null,
      cursor: null,
    });
  };

  return (
    <form onSubmit={apply} aria-label="Filter the audit log" className="mb-4 grid items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-2 lg:grid-cols-4">
      <SelectField label="User" options={[{ value: "", label: "Anyone" }, ...members.map((m) => ({ value: m.id, label: m.name }))]} value={actorUserId} onChange={(e) => setActor(e.target.value)} />
      <SelectField label="Action" options={[{ value: "", label: "Any action" }, ...enumOptions("AUDIT_ACTIONS")]} value={action} onChange={(e) => setAction(e.target.value)} />
      <SelectField
        label="Record type"
        options={RECORD_TYPES}
        value={recordType}
        onChange={(e) => {
          setRecordType(e.target.value as RecordType);
          setRecord(null);
        }}
      />
      <RecordPicker
        kind={{ recordType, noun: RECORD_TYPES.find((t) => t.value === recordType)!.singular }}
        label="Record"
        value={record?.id ?? null}
        valueLabel={record?.label ?? null}
        onChange={(id, label) => setRecord(id ? { id, label: label ?? id } : null)}
      />
      <TextField label="From" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      <TextField label="To" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      <Button type="submit">Apply filters</Button>
    </form>
  );
}
