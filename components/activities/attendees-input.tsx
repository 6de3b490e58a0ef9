"use client";

import { X } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

/**
 * A meeting's attendees: names picked from the workspace's people (suggested as you type)
 * or typed freely; Enter or "Add" adds one, each has a remove button.
 */
export function AttendeesInput({ value, onChange, suggestions, error }: { value: string[]; onChange: (next: string[]) => void; suggestions: string[]; error?: string }) {
  const id = useId();
  const [text, setText] = useState("");
  const add = () => {
    const name = text.trim();
    if (!name) return;
    if (!value.some((v) => v.toLowerCase() === name.toLowerCase())) onChange([...value, name]);
    setText("");
  };
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        Attendees
      </label>
      {value.length ? (
        <ul aria-label="Attendees" className="flex flex-wrap gap-1">
          {value.map((name) => (
            <li key={name} className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pl-2.5 pr-1 text-sm text-slate-800">
              {name}
              <button type="button" aria-label={`Remove attendee ${name}`} className="rounded-full p-0.5 hover:bg-slate-200" onClick={() => onChange(value.filter((v) => v !== name))}>
                <X className="size-3" aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex gap-2">
        <input
          id={id}
          list={`${id}-people`}
          value={text}
          autoComplete="off"
          placeholder="A name or an email"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className={inputClass}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== "Enter") return;
            e.preventDefault(); // adds the attendee instead of logging the meeting
            add();
          }}
        />
        <Button variant="secondary" onClick={add} disabled={!text.trim()}>
          Add
        </Button>
      </div>
      <datalist id={`${id}-people`}>
        {suggestions.filter((s) => !value.includes(s)).map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
