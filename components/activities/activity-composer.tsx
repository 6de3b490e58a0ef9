"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Tabs } from "radix-ui";
import { Controller, useForm, useWatch, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import { toast } from "sonner";
import { FormAlert } from "@/components/ui/form-alert";
import { SelectField } from "@/components/ui/select-field";
import { Button } from "@/components/ui/button";
import { TextareaField, TextField } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { createActivityAction } from "@/lib/activities/actions";
import { CALL_OUTCOMES } from "@/lib/activities/schemas";
import { activityResolver, EMPTY_LOG, LOG_RENAME, logInput, REPEAT_PRESETS, taskInput, type LogValues, type RecordKindForActivity, type TaskValues } from "./activity-forms";
import { AttendeesInput } from "./attendees-input";

const LOG_TYPES = [
  { value: "CALL", label: "Call" },
  { value: "EMAIL", label: "Email" },
  { value: "MEETING", label: "Meeting" },
  { value: "NOTE", label: "Note" },
] as const;

/** The form fields a server refusal may name; anything else goes to the form's alert. */
const LOG_FIELDS = ["subject", "body", "activityAt", "activityType", "direction", "durationMinutes", "outcome", "meetingLocation", "meetingAttendees"];
const placeLogError = (path: string) => {
  const field = path.split(/[.[]/)[0] ?? "";
  const name = LOG_RENAME[field] ?? field;
  return LOG_FIELDS.includes(name) ? name : null;
};
const TASK_FIELDS = ["subject", "body", "dueAt", "reminderAt", "priority", "recurrenceRule"] as const;

function Notes<V extends FieldValues>({ form, name, label, rows }: { form: UseFormReturn<V>; name: Path<V>; label: string; rows?: number }) {
  return <TextareaField label={label} rows={rows} {...form.register(name)} error={form.formState.errors[name]?.message as string | undefined} />;
}

const DIRECTIONS = [
  { value: "", label: "Not said" },
  { value: "OUTBOUND", label: "Outbound" },
  { value: "INBOUND", label: "Inbound" },
];
const OUTCOMES = [{ value: "", label: "Not said" }, ...CALL_OUTCOMES.map((o) => ({ value: o, label: o }))];

/** What a call or a meeting records besides its subject: direction, length, outcome; place and attendees. */
function CommunicationFields({ form, type, people }: { form: UseFormReturn<LogValues>; type: LogValues["activityType"]; people: string[] }) {
  const { errors } = form.formState;
  if (type !== "CALL" && type !== "MEETING") return null;
  const duration = (
    <TextField label="Duration (min)" type="number" min={0} step={1} inputMode="numeric" {...form.register("durationMinutes")} error={errors.durationMinutes?.message} />
  );
  if (type === "CALL") {
    return (
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField label="Direction" options={DIRECTIONS} {...form.register("direction")} error={errors.direction?.message} />
        {duration}
        <SelectField label="Outcome" options={OUTCOMES} {...form.register("outcome")} error={errors.outcome?.message} />
      </div>
    );
  }
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <TextField label="Location" autoComplete="off" placeholder="Room, address or link" className="sm:col-span-2" {...form.register("meetingLocation")} error={errors.meetingLocation?.message} />
      {duration}
      <div className="sm:col-span-3">
        <Controller
          control={form.control}
          name="meetingAttendees"
          render={({ field, fieldState }) => <AttendeesInput value={field.value} onChange={field.onChange} suggestions={people} error={fieldState.error?.message} />}
        />
      </div>
    </div>
  );
}

function useAfterCreate(kind: RecordKindForActivity, recordId: string) {
  const router = useRouter();
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ["timeline", kind, recordId] });
    router.refresh();
  };
}

function LogForm({ kind, recordId, people }: { kind: RecordKindForActivity; recordId: string; people: string[] }) {
  const after = useAfterCreate(kind, recordId);
  const form = useForm<LogValues>({
    defaultValues: EMPTY_LOG,
    resolver: activityResolver((v: LogValues) => logInput(v, kind, recordId), LOG_RENAME),
    mode: "onChange",
  });
  const create = useFormAction(createActivityAction, form, { place: placeLogError });
  const type = useWatch({ control: form.control, name: "activityType" });
  const noun = LOG_TYPES.find((t) => t.value === type)?.label.toLowerCase() ?? "activity";
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (v) => {
    const r = await create.run(logInput(v, kind, recordId));
    if (!r.ok) return;
    toast.success(`The ${noun} was logged`);
    form.reset({ ...EMPTY_LOG, activityType: v.activityType });
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
      <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_14rem]">
        <TextField label="Subject" autoComplete="off" {...form.register("subject")} error={errors.subject?.message} />
        <TextField label="When" type="datetime-local" hint="Leave empty for now" {...form.register("activityAt")} error={errors.activityAt?.message} />
      </div>
      <CommunicationFields form={form} type={type} people={people} />
      <Notes form={form} name="body" label="Notes" rows={2} />
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
export function ActivityComposer({
  people,
  ...props
}: {
  kind: RecordKindForActivity;
  recordId: string;
  me: { id: string; name: string };
  users: { id: string; name: string }[];
  groups: { id: string; name: string }[];
  /** Names a meeting's attendees are suggested from: the workspace's members and the record's contacts. */
  people: string[];
}) {
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
      <Tabs.Content value="log" className="p-3">
        <LogForm kind={props.kind} recordId={props.recordId} people={people} />
      </Tabs.Content>
      <Tabs.Content value="task" className="p-3">
        <TaskForm {...props} />
      </Tabs.Content>
    </Tabs.Root>
  );
}
