"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Tabs } from "radix-ui";
import { useForm, useWatch, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import { toast } from "sonner";
import { FormAlert } from "@/components/ui/form-alert";
import { SelectField } from "@/components/ui/select-field";
import { Button } from "@/components/ui/button";
import { TextareaField, TextField } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { createActivityAction } from "@/lib/activities/actions";
import { activityResolver, logInput, REPEAT_PRESETS, taskInput, type LogValues, type RecordKindForActivity, type TaskValues } from "./activity-forms";

const LOG_TYPES = [
  { value: "CALL", label: "Call" },
  { value: "EMAIL", label: "Email" },
  { value: "MEETING", label: "Meeting" },
  { value: "NOTE", label: "Note" },
] as const;

/** The form fields a server refusal may name; anything else goes to the form's alert. */
const LOG_FIELDS = ["subject", "body", "activityAt", "activityType"] as const;
const TASK_FIELDS = ["subject", "body", "dueAt", "reminderAt", "priority", "recurrenceRule"] as const;

function Notes<V extends FieldValues>({ form, name, label }: { form: UseFormReturn<V>; name: Path<V>; label: string }) {
  return <TextareaField label={label} {...form.register(name)} error={form.formState.errors[name]?.message as string | undefined} />;
}

function useAfterCreate(kind: RecordKindForActivity, recordId: string) {
  const router = useRouter();
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ["timeline", kind, recordId] });
    router.refresh();
  };
}

function LogForm({ kind, recordId }: { kind: RecordKindForActivity; recordId: string }) {
  const after = useAfterCreate(kind, recordId);
  const form = useForm<LogValues>({
    defaultValues: { activityType: "CALL", subject: "", body: "", activityAt: "" },
    resolver: activityResolver((v: LogValues) => logInput(v, kind, recordId)),
    mode: "onChange",
  });
  const create = useFormAction(createActivityAction, form, { place: LOG_FIELDS });
  const type = useWatch({ control: form.control, name: "activityType" });
  const noun = LOG_TYPES.find((t) => t.value === type)?.label.toLowerCase() ?? "activity";
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (v) => {
    const r = await create.run(logInput(v, kind, recordId));
    if (!r.ok) return;
    toast.success(`The ${noun} was logged`);
    form.reset({ ...v, subject: "", body: "", activityAt: "" });
    await after();
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Log an activity" className="space-y-3">
      <FormAlert message={errors.root?.server?.message} />
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Type</legend>
        <div className="mt-1 flex flex-wrap gap-2">
          {LOG_TYPES.map((t) => (
            <label key={t.value} className="flex cursor-pointer items-center gap-1.5 rounded-md border border-slate-300 px-2.5 py-1 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50">
              <input type="radio" value={t.value} className="size-3.5" {...form.register("activityType")} />
              {t.label}
            </label>
          ))}
        </div>
      </fieldset>
      <TextField label="Subject" autoComplete="off" {...form.register("subject")} error={errors.subject?.message} />
      <Notes form={form} name="body" label="Notes" />
      <TextField label="When" type="datetime-local" hint="Leave empty for now" {...form.register("activityAt")} error={errors.activityAt?.message} />
      <div className="flex justify-end">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : `Log ${noun}`}
        </Button>
      </div>
    </form>
  );
}

function TaskForm({ kind, recordId, me, users, groups }: { kind: RecordKindForActivity; recordId: string; me: { id: string; name: string }; users: { id: string; name: string }[]; groups: { id: string; name: string }[] }) {
  const after = useAfterCreate(kind, recordId);
  const form = useForm<TaskValues>({
    defaultValues: { subject: "", body: "", dueAt: "", reminderAt: "", priority: "medium", assignee: `user:${me.id}`, repeat: "", recurrenceRule: "" },
    resolver: activityResolver((v: TaskValues) => taskInput(v, kind, recordId), { assignedUserId: "assignee", assignedGroupId: "assignee" }),
    mode: "onChange",
  });
  const create = useFormAction(createActivityAction, form, { place: TASK_FIELDS });
  const repeat = useWatch({ control: form.control, name: "repeat" });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (v) => {
    const input = taskInput(v, kind, recordId);
    const r = await create.run(input);
    if (!r.ok) return;
    toast.success("Task created");
    form.reset();
    await after();
  });
  const assignees = [
    { value: `user:${me.id}`, label: `Me (${me.name})` },
    ...users.filter((u) => u.id !== me.id).map((u) => ({ value: `user:${u.id}`, label: u.name })),
    ...groups.map((g) => ({ value: `group:${g.id}`, label: `${g.name} (group)` })),
  ];
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Create a task" className="space-y-3">
      <FormAlert message={errors.root?.server?.message} />
      <TextField label="Task" autoComplete="off" {...form.register("subject")} error={errors.subject?.message} />
      <Notes form={form} name="body" label="Details" />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Due" type="datetime-local" {...form.register("dueAt")} error={errors.dueAt?.message} />
        <TextField label="Remind me at" type="datetime-local" {...form.register("reminderAt")} error={errors.reminderAt?.message} />
        <SelectField
          label="Priority"
          options={[
            { value: "low", label: "Low" },
            { value: "medium", label: "Medium" },
            { value: "high", label: "High" },
            { value: "urgent", label: "Urgent" },
          ]}
          {...form.register("priority")}
          error={errors.priority?.message}
        />
        <SelectField label="Assign to" options={assignees} {...form.register("assignee")} error={errors.assignee?.message} />
        <SelectField label="Repeat" options={REPEAT_PRESETS} {...form.register("repeat")} error={errors.repeat?.message} />
        {repeat === "custom" ? (
          <TextField label="Recurrence rule" placeholder="FREQ=WEEKLY;BYDAY=MO" hint="An iCal RRULE" {...form.register("recurrenceRule")} error={errors.recurrenceRule?.message} />
        ) : null}
      </div>
      <div className="flex justify-end">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Create task"}
        </Button>
      </div>
    </form>
  );
}

/** "Log a call / email / meeting / note" and "Create task", above the timeline. */
export function ActivityComposer(props: { kind: RecordKindForActivity; recordId: string; me: { id: string; name: string }; users: { id: string; name: string }[]; groups: { id: string; name: string }[] }) {
  const tab = "rounded-t-md px-3 py-1.5 text-sm font-medium text-slate-600 data-[state=active]:border-b-2 data-[state=active]:border-brand-600 data-[state=active]:text-brand-700";
  return (
    <Tabs.Root defaultValue="log" className="rounded-lg border border-slate-200 bg-white">
      <Tabs.List aria-label="Add to the timeline" className="flex gap-1 border-b border-slate-200 px-3 pt-2">
        <Tabs.Trigger value="log" className={tab}>
          Log activity
        </Tabs.Trigger>
        <Tabs.Trigger value="task" className={tab}>
          Create task
        </Tabs.Trigger>
      </Tabs.List>
      <Tabs.Content value="log" className="p-4">
        <LogForm kind={props.kind} recordId={props.recordId} />
      </Tabs.Content>
      <Tabs.Content value="task" className="p-4">
        <TaskForm {...props} />
      </Tabs.Content>
    </Tabs.Root>
  );
}
