import { forwardRef, useId } from "react";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";

/** A labelled native select (keyboard and screen-reader friendly by default) with its error wired up. */
export const SelectField = forwardRef<
  HTMLSelectElement,
  React.SelectHTMLAttributes<HTMLSelectElement> & { label: string; error?: string; options: readonly { value: string; label: string }[] }
>(function SelectField({ label, error, options, className, id, ...props }, ref) {
  const auto = useId();
  const selectId = id ?? auto;
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={selectId} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select ref={ref} id={selectId} aria-invalid={error ? true : undefined} aria-describedby={error ? `${selectId}-error` : undefined} className={inputClass} {...props}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${selectId}-error`} role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
});
