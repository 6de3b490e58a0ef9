import { forwardRef } from "react";
import { FieldFrame, inputClass, useFieldControl, type FieldProps } from "./field";

/** A labelled native select (keyboard and screen-reader friendly by default), wired like TextField. */
export const SelectField = forwardRef<HTMLSelectElement, React.SelectHTMLAttributes<HTMLSelectElement> & FieldProps & { options: readonly { value: string; label: string }[] }>(
  function SelectField({ label, error, hint, options, className, id, ...props }, ref) {
    const control = useFieldControl(id, { error, hint });
    return (
      <FieldFrame id={control.id} label={label} error={error} hint={hint} className={className}>
        <select ref={ref} {...control} className={inputClass} {...props}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </FieldFrame>
    );
  },
);

/** Options that still hold `current` (an edit's saved value the user's options lack), so the form does not silently pick another. */
export const withCurrent = (options: { value: string; label: string }[], current: string | undefined, label: string) =>
  current && !options.some((o) => o.value === current) ? [{ value: current, label }, ...options] : options;
