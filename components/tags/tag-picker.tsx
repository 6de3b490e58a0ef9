"use client";

import { Command } from "cmdk";
import { Check, Plus } from "lucide-react";
import { Popover } from "radix-ui";
import { useId, useMemo, useState } from "react";
import { cn } from "@/components/ui/cn";
import { TagBadge } from "./tag-badge";
import { useTags, type TagOption } from "./use-tags";

const MAX_TAGS = 50;
const MAX_LENGTH = 60;

/**
 * Multi-select of tag names for a record form: pick the tenant's tags or type a new one
 * ("Create “x”"). A new name becomes a tag (default colour) when the record is saved
 * (lib/tags ensureTags); a name differing only in case from a tag picks that tag.
 * Without `tags` it loads them from /api/v1/tags.
 */
export function TagPicker({
  label = "Tags",
  value,
  onChange,
  tags: given,
  allowCreate = true,
  error,
  disabled,
}: {
  label?: string;
  value: readonly string[];
  onChange: (names: string[]) => void;
  tags?: readonly TagOption[];
  allowCreate?: boolean;
  error?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const loaded = useTags(!given);
  const tags = given ?? loaded.tags;
  const colors = useMemo(() => new Map(tags.map((t) => [t.name, t.color])), [tags]);
  const selected = new Set(value);
  const typed = text.trim().slice(0, MAX_LENGTH);
  const existing = tags.find((t) => t.name.toLowerCase() === typed.toLowerCase());
  const canCreate = allowCreate && typed.length > 0 && !existing && !value.some((v) => v.toLowerCase() === typed.toLowerCase());
  const full = value.length >= MAX_TAGS;

  const toggle = (name: string) => {
    if (selected.has(name)) onChange(value.filter((v) => v !== name));
    else if (!full) onChange([...value, name]);
    setText("");
  };

  return (
    <div className="space-y-1">
      <span id={`${id}-label`} className="block text-sm font-medium text-slate-700">
        {label}
      </span>
      <div
        role="group"
        aria-labelledby={`${id}-label`}
        aria-describedby={error ? `${id}-error` : undefined}
        className={cn("flex min-h-10 flex-wrap items-center gap-1.5 rounded-md border bg-white px-2 py-1.5", error ? "border-red-500" : "border-slate-300")}
      >
        {value.map((name) => (
          <TagBadge key={name} name={name} color={colors.get(name)} onRemove={disabled ? undefined : () => toggle(name)} />
        ))}
        <Popover.Root open={open} onOpenChange={setOpen}>
          <Popover.Trigger asChild>
            <button
              type="button"
              disabled={disabled || full}
              className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium text-brand-700 hover:bg-brand-50 disabled:cursor-not-allowed disabled:text-slate-400"
            >
              <Plus className="size-3.5" aria-hidden /> {value.length ? "Add tag" : "Add tags"}
            </button>
          </Popover.Trigger>
          <Popover.Portal>
            <Popover.Content align="start" sideOffset={6} className="z-50 w-64 rounded-md border border-slate-200 bg-white shadow-lg">
              <Command label={`${label}: choose or create`} loop>
                <Command.Input
                  value={text}
                  onValueChange={setText}
                  placeholder={allowCreate ? "Find or create a tag…" : "Find a tag…"}
                  aria-label={allowCreate ? "Find or create a tag" : "Find a tag"}
                  maxLength={MAX_LENGTH}
                  className="w-full border-b border-slate-200 px-3 py-2 text-sm outline-none"
                />
                <Command.List className="max-h-56 overflow-y-auto p-1">
                  <Command.Empty className="px-2 py-1.5 text-sm text-slate-500">{canCreate ? null : "No tags"}</Command.Empty>
                  {tags.map((t) => (
                    <Command.Item
                      key={t.id}
                      value={t.name}
                      onSelect={() => toggle(t.name)}
                      className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[selected=true]:bg-slate-100"
                    >
                      <Check className={cn("size-3.5", selected.has(t.name) ? "opacity-100" : "opacity-0")} aria-hidden />
                      <TagBadge name={t.name} color={t.color} />
                      <span className="sr-only">{selected.has(t.name) ? "(selected)" : ""}</span>
                    </Command.Item>
                  ))}
                  {canCreate ? (
                    <Command.Item
                      value={`create:${typed}`}
                      keywords={[typed]}
                      onSelect={() => toggle(typed)}
                      className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[selected=true]:bg-slate-100"
                    >
                      <Plus className="size-3.5" aria-hidden /> Create “{typed}”
                    </Command.Item>
                  ) : null}
                </Command.List>
              </Command>
            </Popover.Content>
          </Popover.Portal>
        </Popover.Root>
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
