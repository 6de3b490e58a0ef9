"use client";

// Settings → Quotas: a new quota for a member or a group — period, start day, targets and
// (optionally) the deal types that count.
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { SelectField } from "@/components/ui/select-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { DEAL_TYPES, QUOTA_PERIODS } from "@/db/schema/enums";
import { labelFor } from "@/lib/format/labels";
import { createQuotaAction } from "@/lib/quotas/actions";

interface Values {
  owner: string;
  period: (typeof QUOTA_PERIODS)[number];
  start: string;
  revenueTarget: string;
  dealsTarget: string;
  callsTarget: string;
  meetingsTarget: string;
  dealTypes: string[];
}

const int = (v: string) => (v.trim() === "" ? null : Number(v));

export function QuotaForm({ users, groups, defaultStart }: { users: { id: string; name: string }[]; groups: { id: string; name: string }[]; defaultStart: string }) {
  const router = useRouter();
  const form = useForm<Values>({ defaultValues: { owner: users[0] ? `user:${users[0].id}` : "", period: "QUARTER", start: defaultStart, revenueTarget: "", dealsTarget: "", callsTarget: "", meetingsTarget: "", dealTypes: [] } });
  const action = useFormAction(createQuotaAction, form, { place: (path) => ({ userId: "owner", groupId: "owner" })[path] ?? path });
  const { errors, isSubmitting } = form.formState;
  const owner = useWatch({ control: form.control, name: "owner" });
  const onSubmit = form.handleSubmit(async (v) => {
    const [kind, id] = v.owner.split(":");
    const r = await action.run({
      userId: kind === "user" ? id : null,
      groupId: kind === "group" ? id : null,
      period: v.period,
      start: v.start,
      revenueTarget: v.revenueTarget.trim() || null,
      dealsTarget: int(v.dealsTarget),
      callsTarget: int(v.callsTarget),
      meetingsTarget: int(v.meetingsTarget),
      dealTypes: v.dealTypes as (typeof DEAL_TYPES)[number][],
    });
    if (!r.ok) return;
    toast.success("Quota saved");
    form.reset({ ...v, revenueTarget: "", dealsTarget: "", callsTarget: "", meetingsTarget: "" });
    router.refresh();
  });
  const owners = [...users.map((u) => ({ value: `user:${u.id}`, label: u.name })), ...groups.map((g) => ({ value: `group:${g.id}`, label: `Group: ${g.name}` }))];
  return (
    <form onSubmit={onSubmit} noValidate aria-label="New quota" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <FormAlert message={errors.root?.server?.message} />
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField label="For" options={owners} error={errors.owner?.message} {...form.register("owner")} />
        <SelectField label="Period" options={QUOTA_PERIODS.map((p) => ({ value: p, label: labelFor("QUOTA_PERIODS", p) }))} {...form.register("period")} />
        <TextField label="Starts on" type="date" error={errors.start?.message} {...form.register("start")} />
        <TextField label="Revenue target" inputMode="decimal" error={errors.revenueTarget?.message} {...form.register("revenueTarget")} />
        <TextField label="Deals target" type="number" min={0} error={errors.dealsTarget?.message} {...form.register("dealsTarget")} />
        <TextField label="Calls target" type="number" min={0} error={errors.callsTarget?.message} {...form.register("callsTarget")} />
        <TextField label="Meetings target" type="number" min={0} error={errors.meetingsTarget?.message} {...form.register("meetingsTarget")} />
      </div>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700">Deal types that count (none checked: all)</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {DEAL_TYPES.map((t) => (
            <label key={t} className="flex items-center gap-1.5">
              <input type="checkbox" value={t} {...form.register("dealTypes")} /> {labelFor("DEAL_TYPES", t)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex justify-end">
        <Button type="submit" disabled={isSubmitting || !owner}>
          {isSubmitting ? "Saving…" : "Add quota"}
        </Button>
      </div>
    </form>
  );
}
