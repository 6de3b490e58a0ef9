"use client";
// Settings → Email → Sending (admins): the send window that campaign, sequence and
// scheduled emails wait for (in the workspace's time zone), and the campaign throttle.
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { updateSendSettingsAction } from "@/lib/email/actions";
import type { SendSettings } from "@/lib/email/send-settings";
import { labelMinute, minuteLabel, WEEKDAYS } from "@/lib/email/send-window";

interface Form {
  windowEnabled: boolean;
  windowDays: string[];
  windowStart: string;
  windowEnd: string;
  hourlyLimit: string;
  batchSize: string;
}

export function SendSettingsForm({ settings, canEdit }: { settings: SendSettings; canEdit: boolean }) {
  const form = useForm<Form>({
    defaultValues: {
      windowEnabled: settings.windowEnabled,
      windowDays: settings.windowDays.map(String),
      windowStart: minuteLabel(settings.windowStartMinute),
      windowEnd: settings.windowEndMinute === 1440 ? "23:59" : minuteLabel(settings.windowEndMinute),
      hourlyLimit: String(settings.hourlyLimit),
      batchSize: String(settings.batchSize),
    },
  });
  const action = useFormAction(updateSendSettingsAction, form, {
    place: (p) => ({ windowDays: "windowDays", windowStartMinute: "windowStart", windowEndMinute: "windowEnd", hourlyLimit: "hourlyLimit", batchSize: "batchSize" })[p.split(/[.[]/)[0] ?? ""] ?? null,
  });
  const { errors, isSubmitting } = form.formState;
  const enabled = useWatch({ control: form.control, name: "windowEnabled" });
  const onSubmit = form.handleSubmit(async (v) => {
    const end = v.windowEnd === "23:59" ? 1440 : labelMinute(v.windowEnd);
    const r = await action.run({
      windowEnabled: v.windowEnabled,
      windowDays: v.windowDays.map(Number),
      windowStartMinute: labelMinute(v.windowStart),
      windowEndMinute: end,
      hourlyLimit: Number(v.hourlyLimit),
      batchSize: Number(v.batchSize),
    });
    if (r.ok) toast.success("Sending settings saved");
  });
  return (
    <section aria-labelledby="sending-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="sending-heading" className="font-medium text-slate-900">
        Sending
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        Campaign, sequence and scheduled emails go out only inside the send window, in the workspace&apos;s time zone ({settings.timeZone}); campaigns send at most the hourly limit per mailbox. Emails sent by hand from a record go at once.
      </p>
      <form onSubmit={onSubmit} className="space-y-3" noValidate>
        <FormAlert message={errors.root?.server?.message} />
        <fieldset disabled={!canEdit} className="space-y-3">
          <label className="inline-flex items-center gap-2 text-sm">
            <input type="checkbox" {...form.register("windowEnabled")} /> Send only inside a window
          </label>
          {enabled ? (
            <>
              <fieldset className="text-sm">
                <legend className="mb-1 font-medium">Days</legend>
                <div className="flex flex-wrap gap-3">
                  {WEEKDAYS.map((d, i) => (
                    <label key={d} className="inline-flex items-center gap-1">
                      <input type="checkbox" value={String(i)} {...form.register("windowDays")} /> {d}
                    </label>
                  ))}
                </div>
                {errors.windowDays?.message ? (
                  <p role="alert" className="text-sm text-red-600">
                    {errors.windowDays.message}
                  </p>
                ) : null}
              </fieldset>
              <div className="grid gap-3 sm:grid-cols-2">
                <TextField label="From" type="time" {...form.register("windowStart")} error={errors.windowStart?.message} />
                <TextField label="Until" type="time" {...form.register("windowEnd")} error={errors.windowEnd?.message} />
              </div>
            </>
          ) : null}
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField label="Campaign emails per mailbox per hour" type="number" min={1} inputMode="numeric" {...form.register("hourlyLimit")} error={errors.hourlyLimit?.message} />
            <TextField label="Batch size" type="number" min={1} max={1000} inputMode="numeric" {...form.register("batchSize")} error={errors.batchSize?.message} />
          </div>
          {canEdit ? (
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? "Saving…" : "Save sending settings"}
            </Button>
          ) : (
            <p className="text-sm text-slate-600">Only an admin changes these.</p>
          )}
        </fieldset>
      </form>
    </section>
  );
}
