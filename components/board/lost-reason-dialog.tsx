"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { X } from "lucide-react";
import { Dialog as D } from "radix-ui";
import { useId } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

const schema = z.object({ reason: z.string().trim().min(1, "A lost reason is required").max(500) });

/** Asked before a deal enters a DONE_FAILED stage: moveRecord refuses it without a lost reason. */
export function LostReasonDialog({
  open,
  title,
  stageName,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  stageName: string;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const form = useForm<{ reason: string }>({ resolver: zodResolver(schema), defaultValues: { reason: "" } });
  const error = form.formState.errors.reason?.message;
  const close = () => {
    form.reset();
    onCancel();
  };
  return (
    <D.Root open={open} onOpenChange={(o) => (o ? undefined : close())}>
      <D.Portal>
        <D.Overlay className="fixed inset-0 z-50 bg-slate-900/40" />
        <D.Content className="fixed left-1/2 top-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl focus:outline-none">
          <D.Title className="pr-8 text-lg font-semibold">Why was this deal lost?</D.Title>
          <D.Description className="mt-1 text-sm text-slate-600">
            Moving “{title}” to {stageName}.
          </D.Description>
          <form
            className="mt-4 space-y-3"
            noValidate
            onSubmit={form.handleSubmit((v) => {
              form.reset();
              onConfirm(v.reason.trim());
            })}
          >
            <div className="space-y-1">
              <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-700">
                Lost reason
              </label>
              <textarea
                id={`${id}-reason`}
                {...form.register("reason")}
                required
                maxLength={500}
                rows={3}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                className={inputClass}
              />
              {error ? (
                <p id={`${id}-error`} role="alert" className="text-sm text-red-600">
                  {error}
                </p>
              ) : null}
            </div>
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" variant="danger">
                Move to {stageName}
              </Button>
            </div>
          </form>
          <D.Close asChild>
            <button type="button" aria-label="Close" className="absolute right-3 top-3 rounded p-1 text-slate-500 hover:bg-slate-100">
              <X className="size-4" aria-hidden />
            </button>
          </D.Close>
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}
