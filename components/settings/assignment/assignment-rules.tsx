"use client";

import { Pencil, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FilterField, FilterValueOptions } from "@/components/filter-builder";
import { countConditions } from "@/components/filter-builder";
import { RecordPicker } from "@/components/record-form/record-picker";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { MoveButtons } from "@/components/ui/move-buttons";
import { toastResult } from "@/components/ui/toast-result";
import { actionMessage } from "@/lib/action-result";
import { deleteAssignmentRuleAction, moveAssignmentRuleAction, previewAssignmentAction, updateAssignmentRuleAction } from "@/lib/assignment/actions";
import { ASSIGNABLE_TYPES, type AssignableType } from "@/lib/assignment/schemas";
import type { AssignmentRuleJson } from "@/lib/assignment/service";
import type { FilterGroup } from "@/lib/filters/schema";
import { labelFor } from "@/lib/format/labels";
import { RuleEditor, STRATEGY_LABELS } from "./rule-editor";

type Editor = { fields: Record<AssignableType, FilterField[]>; options: Record<AssignableType, FilterValueOptions> };

function targetName(rule: AssignmentRuleJson, options: FilterValueOptions): string {
  if (rule.strategy === "USER") return options.users?.find((u) => u.id === rule.userId)?.name ?? "a user";
  return options.groups?.find((g) => g.id === rule.groupId)?.name ?? "a group";
}

/** The ordered rules of one record type at a time, each editable, with "who would get this?" below. */
export function AssignmentRules({ rules, editor }: { rules: AssignmentRuleJson[]; editor: Editor }) {
  const router = useRouter();
  const [type, setType] = useState<AssignableType>("LEAD");
  const mine = rules.filter((r) => r.objectType === type);
  const options = editor.options[type];
  const act = async (p: Promise<unknown>, done: string) => {
    if (toastResult((await p) as never, done)) router.refresh();
  };
  return (
    <div className="space-y-6">
      <div role="tablist" aria-label="Record type" className="flex flex-wrap gap-2">
        {ASSIGNABLE_TYPES.map((t) => (
          <Button key={t} role="tab" aria-selected={t === type} variant={t === type ? "primary" : "secondary"} size="sm" onClick={() => setType(t)}>
            {labelFor("CRM_RECORD_TYPES", t)}s
          </Button>
        ))}
      </div>
      <section role="tabpanel" aria-label={`${labelFor("CRM_RECORD_TYPES", type)} rules`} className="space-y-3">
        {mine.length === 0 ? <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600">No rules: new records without an owner belong to whoever creates them.</p> : null}
        <ol className="space-y-2">
          {mine.map((rule, i) => (
            <li key={rule.id} className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-3">
              <span className="w-6 text-sm text-slate-500">{i + 1}.</span>
              <div className="min-w-48 flex-1">
                <p className="font-medium text-slate-900">
                  {rule.name} {rule.enabled ? null : <Badge>Off</Badge>}
                </p>
                <p className="text-sm text-slate-600">
                  {rule.condition ? `When ${countConditions(rule.condition as FilterGroup)} condition(s) match` : "Every new record"} → {STRATEGY_LABELS[rule.strategy]}: {targetName(rule, options)}
                  {rule.actions.followUpHours ? ` · follow-up in ${rule.actions.followUpHours} h` : ""}
                  {rule.actions.priority ? ` · priority ${labelFor("PRIORITIES", rule.actions.priority)}` : ""}
                  {rule.actions.tags?.length ? ` · tags ${rule.actions.tags.join(", ")}` : ""}
                </p>
              </div>
              <MoveButtons name={rule.name} index={i} count={mine.length} onMove={(by) => act(moveAssignmentRuleAction({ ruleId: rule.id, direction: by < 0 ? "up" : "down" }), "Order saved")} />
              <Button size="sm" variant="secondary" onClick={() => act(updateAssignmentRuleAction({ ruleId: rule.id, patch: { enabled: !rule.enabled } }), rule.enabled ? "Rule turned off" : "Rule turned on")}>
                {rule.enabled ? `Turn off` : `Turn on`}
                <span className="sr-only"> {rule.name}</span>
              </Button>
              <RuleEditor
                objectType={type}
                rule={rule}
                fields={editor.fields[type]}
                options={options}
                trigger={
                  <Button size="sm" variant="ghost" aria-label={`Edit ${rule.name}`}>
                    <Pencil className="size-4" aria-hidden />
                  </Button>
                }
              />
              <ConfirmButton
                label="Delete"
                ariaLabel={`Delete ${rule.name}`}
                title={`Delete “${rule.name}”?`}
                description="Records it assigned keep their owner and history."
                confirmLabel="Delete rule"
                variant="ghost"
                onConfirm={async () => toastResult(await deleteAssignmentRuleAction({ ruleId: rule.id }), "Rule deleted") && (router.refresh(), true)}
              />
            </li>
          ))}
        </ol>
        <RuleEditor
          key={`new-${type}-${mine.length}`}
          objectType={type}
          fields={editor.fields[type]}
          options={options}
          trigger={
            <Button variant="secondary">
              <Plus className="size-4" aria-hidden /> New rule
            </Button>
          }
        />
      </section>
      <TestAgainstRecord type={type} />
    </div>
  );
}

/** "Who would get this?": the rules run against an existing record, changing nothing. */
function TestAgainstRecord({ type }: { type: AssignableType }) {
  const [record, setRecord] = useState<{ id: string; label: string } | null>(null);
  const [answer, setAnswer] = useState<string | null>(null);
  const noun = labelFor("CRM_RECORD_TYPES", type).toLowerCase();
  const test = async () => {
    if (!record) return;
    const r = await previewAssignmentAction({ objectType: type, recordId: record.id });
    const err = actionMessage(r);
    const result = r?.data?.result;
    setAnswer(err ?? (result ? `${result.userName ?? "A member"} would get “${record.label}”, by the rule “${result.ruleName}”.` : `No rule matches “${record.label}”: its creator would own it.`));
  };
  return (
    <section aria-labelledby="test-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="test-heading" className="font-medium text-slate-900">
        Test against a record
      </h2>
      <p className="text-sm text-slate-600">Who would get this {noun} if it were created now without an owner? Nothing changes.</p>
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <RecordPicker
            key={type}
            kind={{ recordType: type, noun }}
            label={`Test ${noun}`}
            value={record?.id ?? null}
            valueLabel={record?.label ?? null}
            onChange={(id, label) => {
              setRecord(id ? { id, label: label ?? id } : null);
              setAnswer(null);
            }}
          />
        </div>
        <Button onClick={test} disabled={!record}>
          Who would get this?
        </Button>
      </div>
      <p aria-live="polite" className="text-sm text-slate-800">
        {answer}
      </p>
    </section>
  );
}
