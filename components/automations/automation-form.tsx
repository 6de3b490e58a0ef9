"use client";

// Create and edit an automation: react-hook-form validated as you type by the backend's
// zod schema; the server's 422 paths land on the exact field (a condition's on its node).
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Controller, FormProvider, useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { createAutomationAction, updateAutomationAction } from "@/lib/automations/actions";
import type { AutomationFormOptions } from "@/lib/automations/form-options";
import { FilterBuilder } from "@/components/filter-builder";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { automationCreateSchema, type AutomationCreateInput } from "@/lib/automations/schemas";
import type { ValidationIssue } from "@/lib/errors";
import { ActionFields } from "./action-fields";
import { conditionIssues, formPath, toInput, type FormValues } from "./form-values";
import { entitySingular } from "./labels";
import { automationResolver } from "./resolver";
import { SecretOnce } from "./secret-once";
import { TriggerFields } from "./trigger-fields";

const section = "space-y-4 rounded-lg border border-slate-200 bg-white p-4";

export function AutomationForm({ automationId, initial, options, readOnly = false }: { automationId?: string; initial: FormValues; options: AutomationFormOptions; readOnly?: boolean }) {
  const router = useRouter();
  const resolver = useMemo(() => automationResolver(automationCreateSchema), []);
  const form = useForm<FormValues>({ resolver, defaultValues: initial, mode: "onChange" });
  const { errors, isSubmitting, isDirty } = form.formState;
  const [conditionErrors, setConditionErrors] = useState<ValidationIssue[]>([]);
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);
  const entityType = useWatch({ control: form.control, name: "entityType" });
  // A refusal's messages go on their fields (the API's paths mapped to the form's), the
  // condition's on its nodes in the FilterBuilder; anything not placed goes to the alert.
  const failureOptions = {
    place: (path: string) => (path.startsWith("condition") ? null : formPath(path, form.getValues("actionType"))),
    onFailure: (f: { issues: ValidationIssue[] }) => setConditionErrors(conditionIssues(f.issues)),
  };
  const create = useFormAction(createAutomationAction, form, failureOptions);
  const update = useFormAction(updateAutomationAction, form, failureOptions);

  const onSubmit = form.handleSubmit(async (values) => {
    setConditionErrors([]);
    // the resolver has checked it with automationCreateSchema
    const input = toInput(values) as AutomationCreateInput;
    if (automationId) {
      const r = await update.run({ automationId, ...input });
      if (!r.ok) return;
      toast.success(`Automation ${values.name} saved`);
      form.reset(values);
      router.refresh();
      return;
    }
    const r = await create.run(input);
    if (!r.ok) return;
    const { id, webhookSecret } = r.data;
    toast.success(`Automation ${values.name} created`);
    if (webhookSecret) setCreated({ id, secret: webhookSecret });
    else router.push(`/settings/automations/${id}`);
  });

  if (created) return <SecretOnce secret={created.secret} onDone={() => router.push(`/settings/automations/${created.id}`)} />;

  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate aria-label={automationId ? "Edit automation" : "New automation"} className="space-y-4">
        <fieldset disabled={readOnly || isSubmitting} className="space-y-4">
          <div className={section}>
            <FormAlert message={errors.root?.server?.message} />
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField label="Name" autoComplete="off" error={errors.name?.message} {...form.register("name")} />
              <TextField
                label="Priority"
                type="number"
                inputMode="numeric"
                min={0}
                hint="Lower runs first (default 100)."
                error={errors.priority?.message}
                {...form.register("priority")}
              />
            </div>
            <TextField label="Description" autoComplete="off" error={errors.description?.message} {...form.register("description")} />
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" {...form.register("enabled")} /> Enabled
            </label>
          </div>
          <div className={section}>
            <TriggerFields options={options} />
          </div>
          <div className={section}>
            <fieldset className="space-y-2">
              <legend className="text-base font-semibold text-slate-900">Only if</legend>
              <p className="text-sm text-slate-600">The {entitySingular(entityType)} after the change matches this filter. With no conditions, every matching event runs the action.</p>
              <Controller
                control={form.control}
                name="condition"
                render={({ field }) => (
                  <FilterBuilder
                    objectType={entityType}
                    fields={options.fieldsByType[entityType]}
                    value={field.value}
                    onChange={(v) => {
                      field.onChange(v);
                      setConditionErrors([]);
                    }}
                    errors={conditionErrors}
                    options={{ users: options.users, groups: options.groups, lists: options.lists.filter((l) => l.objectType === entityType) }}
                    label="Condition"
                  />
                )}
              />
              {conditionErrors.length > 0 ? (
                <ul role="alert" className="space-y-0.5 rounded-md bg-red-50 p-2 text-sm text-red-700">
                  {conditionErrors.map((e) => (
                    <li key={`${e.path}:${e.message}`}>
                      <code className="text-xs">{e.path.replace(/^filter/, "condition")}</code>: {e.message}
                    </li>
                  ))}
                </ul>
              ) : null}
            </fieldset>
          </div>
          <div className={section}>
            <ActionFields options={options} />
          </div>
        </fieldset>
        {readOnly ? null : (
          <div className="flex justify-end gap-2">
            {automationId ? (
              <Button variant="secondary" disabled={!isDirty || isSubmitting} onClick={() => form.reset(initial)}>
                Discard changes
              </Button>
            ) : (
              <Button variant="secondary" disabled={isSubmitting} onClick={() => router.push("/settings/automations")}>
                Cancel
              </Button>
            )}
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? "Saving…" : automationId ? "Save automation" : "Create automation"}
            </Button>
          </div>
        )}
      </form>
    </FormProvider>
  );
}
