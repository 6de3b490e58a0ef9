import { forwardRef, useId } from "react";
import { cn } from "./cn";

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 aria-[invalid=true]:border-red-500";

/** What every labelled control takes besides its own attributes. */
export interface FieldProps {
  label: string;
  /** Shown under the control as an alert, and marks it invalid. */
  error?: string;
  /** Shown under the control when there is no error. */
  hint?: string;
}

/**
 * The id of a control and the attributes that tie it to its error or hint (aria-invalid,
 * aria-describedby), for a control laid out by FieldFrame.
 */
export function useFieldControl(id: string | undefined, { error, hint }: Pick<FieldProps, "error" | "hint">) {
  const auto = useId();
  const controlId = id ?? auto;
  return {
    id: controlId,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${controlId}-error` : hint ? `${controlId}-hint` : undefined,
  } as const;
}

/** A label above its control, then the control's error (role=alert) or hint. */
export function FieldFrame({ id, label, error, hint, className, children }: FieldProps & { id: string; className?: string; children: React.ReactNode }) {
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input with its error message wired to aria-describedby. */
export const TextField = forwardRef<HTMLInputElement, React.InputHTMLAttributes<HTMLInputElement> & FieldProps>(function TextField(
  { label, error, hint, className, id, ...props },
  ref,
) {
  const control = useFieldControl(id, { error, hint });
  return (
    <FieldFrame id={control.id} label={label} error={error} hint={hint} className={className}>
      <input ref={ref} {...control} className={inputClass} {...props} />
    </FieldFrame>
  );
});

/** A labelled multi-line input (3 rows unless told), wired like TextField. */
export const TextareaField = forwardRef<HTMLTextAreaElement, React.TextareaHTMLAttributes<HTMLTextAreaElement> & FieldProps>(function TextareaField(
  { label, error, hint, className, id, rows = 3, ...props },
  ref,
) {
  const control = useFieldControl(id, { error, hint });
  return (
    <FieldFrame id={control.id} label={label} error={error} hint={hint} className={className}>
      <textarea ref={ref} rows={rows} {...control} className={inputClass} {...props} />
    </FieldFrame>
  );
});
