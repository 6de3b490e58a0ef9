"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { asGroup, countConditions, FilterBuilder, type FilterField, type FilterValueOptions } from "@/components/filter-builder";
import { TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { toastResult } from "@/components/ui/toast-result";
import { PRIORITIES } from "@/db/schema/enums";
import { actionFailure } from "@/lib/action-result";
import { createAssignmentRuleAction, updateAssignmentRuleAction } from "@/lib/assignment/actions";
import type { AssignableType } from "@/lib/assignment/schemas";
import type { AssignmentRuleJson } from "@/lib/assignment/service";
import type { ValidationIssue } from "@/lib/errors";
import type { FilterGroup } from "@/lib/filters/schema";
import { labelFor } from "@/lib/format/labels";

export const STRATEGY_LABELS = { USER: "A user", ROUND_ROBIN: "Round robin over a group", LEAST_OPEN: "Least open records in a group" } as const;

interface Props {
  objectType: AssignableType;
  rule?: AssignmentRuleJson;
  fields: FilterField[];
  options: FilterValueOptions;
  trigger: React.ReactNode;
}

/** Create or edit one rule: name, condition (shared filter builder), strategy and its user or group, optional actions. */
export function RuleEditor({ objectType, rule, fields, options, trigger }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(rule?.name ?? "");
  const [condition, setCondition] = useState<FilterGroup>(asGroup((rule?.condition as FilterGroup | null) ?? null));
  const [strategy, setStrategy] = useState<string>(rule?.strategy ?? "ROUND_ROBIN");
  const [userId, setUserId] = useState(rule?.userId ?? "");
  const [groupId, setGroupId] = useState(rule?.groupId ?? "");
  const [priority, setPriority] = useState<string>(rule?.actions.priority ?? "");
  const [tags, setTags] = useState((rule?.actions.tags ?? []).join(", "));
  const [followUp, setFollowUp] = useState(rule?.actions.followUpHours ? String(rule.actions.followUpHours) : "");
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const at = (p: string) => issues.find((i) => i.path === p || i.path.startsWith(`${p}.`) || i.path.startsWith(`patch.${p}`))?.message;
  const hasPriority = objectType === "LEAD" || objectType === "TICKET";

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setPending(true);
    const tagList = tags.split(",").map((t) => t.trim()).filter(Boolean);
    const actions = { ...(priority && hasPriority ? { priority } : {}), ...(tagList.length ? { tags: tagList } : {}), ...(followUp ? { followUpHours: Number(followUp) } : {}) };
    const body = { name, condition: countConditions(condition) > 0 ? condition : null, strategy, userId: strategy === "USER" ? userId || null : null, groupId: strategy === "USER" ? null : groupId || null, actions };
    const r = rule ? await updateAssignmentRuleAction({ ruleId: rule.id, patch: body } as never) : await createAssignmentRuleAction({ ...body, objectType } as never);
    setPending(false);
    const failure = actionFailure(r);
    setIssues((failure?.issues ?? []).map((i) => ({ ...i, path: i.path.replace(/^patch\./, "") })));
    setError(failure?.message);
    if (toastResult(r, rule ? "Rule saved" : "Rule created")) {
      setOpen(false);
      router.refresh();
    }
  };

  const conditionErrors = issues.filter((i) => i.path.startsWith("condition")).map((i) => ({ ...i, path: i.path.replace(/^condition/, "filter") }));
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      title={rule ? `Edit rule “${rule.name}”` : `New ${labelFor("CRM_RECORD_TYPES", objectType).toLowerCase()} rule`}
      description="The first enabled rule whose condition a new record without an owner matches gives it its owner."
      trigger={trigger}
      onSubmit={submit}
      pending={pending}
      error={issues.length ? undefined : error}
      submitLabel={rule ? "Save rule" : "Create rule"}
      className="max-w-2xl"
    >
      <TextField label="Rule name" value={name} onChange={(e) => setName(e.target.value)} error={at("name")} required />
      <FilterBuilder objectType={objectType} fields={fields} value={condition} onChange={setCondition} errors={conditionErrors} options={options} label="Rule condition" empty="No conditions: every new record matches." />
      <SelectField label="Assign to" value={strategy} onChange={(e) => setStrategy(e.target.value)} options={Object.entries(STRATEGY_LABELS).map(([value, label]) => ({ value, label }))} />
      {strategy === "USER" ? (
        <SelectField label="User" value={userId} onChange={(e) => setUserId(e.target.value)} error={at("userId")} options={[{ value: "", label: "Choose a user…" }, ...(options.users ?? []).map((u) => ({ value: u.id, label: u.name }))]} />
      ) : (
        <SelectField label="Group" value={groupId} onChange={(e) => setGroupId(e.target.value)} error={at("groupId")} options={[{ value: "", label: "Choose a group…" }, ...(options.groups ?? []).map((g) => ({ value: g.id, label: g.name }))]} />
      )}
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-700">Then also (optional)</legend>
        {hasPriority ? (
          <SelectField label="Set priority" value={priority} onChange={(e) => setPriority(e.target.value)} options={[{ value: "", label: "Leave as created" }, ...PRIORITIES.map((p) => ({ value: p, label: labelFor("PRIORITIES", p) }))]} />
        ) : null}
        <TextField label="Add tags" hint="Comma separated" value={tags} onChange={(e) => setTags(e.target.value)} error={at("actions")} />
        <TextField label="Follow-up task due in (hours)" hint="A task for the new owner; empty: none" type="number" min={1} step={1} value={followUp} onChange={(e) => setFollowUp(e.target.value)} />
      </fieldset>
      {issues.length ? (
        <ul role="alert" className="space-y-0.5 rounded-md bg-red-50 p-2 text-sm text-red-700">
          {issues.map((x) => (
            <li key={`${x.path}:${x.message}`}>
              {x.path ? <code className="text-xs">{x.path}</code> : null} {x.message}
            </li>
          ))}
        </ul>
      ) : null}
    </FormDialog>
  );
}
