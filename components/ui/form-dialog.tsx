"use client";

import { Button } from "./button";
import { Modal } from "./dialog";
import { FormAlert } from "./form-alert";

export interface DialogFormProps {
  onSubmit: React.FormEventHandler<HTMLFormElement>;
  onCancel: () => void;
  /** Submitting: both buttons wait (and FormDialog does not close). */
  pending?: boolean;
  /** The form-level error, above the fields (a field's own error goes under the field). */
  error?: string | null;
  /** The error's element id, for a control it is about (aria-describedby). */
  errorId?: string;
  submitLabel: React.ReactNode;
  /** The submit button's text while pending. */
  pendingLabel?: React.ReactNode;
  /** The submit button is off (nothing to save yet). */
  submitDisabled?: boolean;
  /** A destructive action: a red submit button. */
  danger?: boolean;
  className?: string;
  children?: React.ReactNode;
}

/**
 * The body of a dialog that is a form: its error, its fields, then Cancel and the submit
 * button. Validation is the form's own (zod through react-hook-form, or the action's answer),
 * so the browser's is off.
 */
export function DialogForm({ onSubmit, onCancel, pending = false, error, errorId, submitLabel, pendingLabel = "Working…", submitDisabled, danger, className = "space-y-4", children }: DialogFormProps) {
  return (
    <form
      onSubmit={(e) => {
        // React events bubble through portals: a dialog opened from inside another form (a
        // stage row's Delete) must not submit that form too.
        e.stopPropagation();
        onSubmit(e);
      }}
      className={className}
      noValidate
    >
      <FormAlert message={error ?? undefined} id={errorId} />
      {children}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" variant={danger ? "danger" : "primary"} disabled={pending || submitDisabled}>
          {pending ? pendingLabel : submitLabel}
        </Button>
      </div>
    </form>
  );
}

export interface FormDialogProps extends Omit<DialogFormProps, "onCancel" | "className"> {
  open: boolean;
  /** Also called by Cancel; never while pending (the dialog stays open until the form is done). */
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: React.ReactNode;
  trigger?: React.ReactNode;
  /** The dialog's classes (e.g. a wider max-w). */
  className?: string;
  /** The form's classes (default space-y-4). */
  formClassName?: string;
}

/** A modal holding one form (DialogForm): opened by `trigger` or by `open`, closed by Cancel, Esc or ×. */
export function FormDialog({ open, onOpenChange, title, description, trigger, className, formClassName, ...form }: FormDialogProps) {
  const change = (o: boolean) => {
    if (!form.pending) onOpenChange(o);
  };
  return (
    <Modal open={open} onOpenChange={change} title={title} description={description} trigger={trigger} className={className}>
      <DialogForm {...form} className={formClassName} onCancel={() => change(false)} />
    </Modal>
  );
}
