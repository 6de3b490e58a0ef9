import type { UseFormRegisterReturn } from "react-hook-form";
import { MOVEMENT_MODES } from "./labels";

/** Radio buttons for FLEXIBLE / ENFORCED, each with its one-line explanation. */
export function MovementModeField({ register, disabled }: { register: UseFormRegisterReturn; disabled?: boolean }) {
  return (
    <fieldset className="space-y-2" disabled={disabled}>
      <legend className="text-sm font-medium text-slate-700">Movement mode</legend>
      {MOVEMENT_MODES.map((m) => (
        <label key={m.value} className="flex items-start gap-2 rounded-md border border-slate-200 p-2.5 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50/50">
          <input type="radio" value={m.value} className="mt-0.5 size-4" {...register} />
          <span>
            <span className="font-medium">{m.label}</span>
            <span className="block text-slate-600">{m.explanation}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
