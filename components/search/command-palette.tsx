"use client";

import { Command } from "cmdk";
import { ArrowRight, CornerDownLeft, Loader2, Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { Dialog as D } from "radix-ui";
import { useMemo, useState } from "react";
import { groupHits, KIND_META } from "./kinds";
import { NAV_COMMANDS } from "./nav-commands";
import { useSearch } from "./use-search";

const SEARCH_ALL = "search:all";
const itemClass =
  "flex cursor-pointer items-center gap-3 rounded-md px-3 py-2 text-sm text-slate-700 outline-none data-[selected=true]:bg-brand-50 data-[selected=true]:text-brand-800";

/**
 * The ⌘K palette: typing searches every record type (debounced, through
 * /api/v1/search), results grouped by type with the best match selected, ↑/↓ to move,
 * Enter to open; below them, commands that go to the app's pages. Mounted while open,
 * so each opening starts fresh.
 */
export function CommandPalette({ onClose, initialText = "" }: { onClose: () => void; initialText?: string }) {
  const router = useRouter();
  const [text, setText] = useState(initialText);
  const [choice, setChoice] = useState<{ forDefault: string; value: string } | null>(null);
  const search = useSearch(text);
  const groups = useMemo(() => (search.settled && search.data ? groupHits(search.data) : []), [search.settled, search.data]);
  const trimmed = text.trim();
  const navigation = useMemo(() => {
    const t = trimmed.toLowerCase();
    return t ? NAV_COMMANDS.filter((c) => c.label.toLowerCase().includes(t) || c.keywords.some((k) => k.includes(t))) : NAV_COMMANDS;
  }, [trimmed]);
  const loading = trimmed.length > 0 && (!search.settled || search.isFetching);

  // Each time results arrive the best hit is selected, so Enter opens it (without hits: a
  // matching page, else "All results"); moving with the arrows overrides that until the
  // best hit changes. The list is in the same order, so cmdk's own "select the first
  // item" after each keystroke agrees.
  const first = groups[0]?.hits[0];
  const defaultValue = first ? `${first.recordType}:${first.id}` : (trimmed ? (navigation[0]?.href ?? SEARCH_ALL) : (NAV_COMMANDS[0]?.href ?? ""));
  const selected = choice?.forDefault === defaultValue ? choice.value : defaultValue;

  const go = (href: string) => {
    onClose();
    router.push(href);
  };

  return (
    <D.Root open onOpenChange={(o) => !o && onClose()}>
      <D.Portal>
        <D.Overlay className="fixed inset-0 z-50 bg-slate-900/40" />
        <D.Content
          className="fixed left-1/2 top-[12vh] z-50 w-[calc(100vw-2rem)] max-w-xl -translate-x-1/2 overflow-hidden rounded-xl bg-white shadow-2xl ring-1 ring-slate-200 focus:outline-none"
          aria-describedby={undefined}
        >
          <D.Title className="sr-only">Search and go to</D.Title>
          <Command label="Search contacts, companies, deals, leads and tickets" shouldFilter={false} value={selected} onValueChange={(value) => setChoice({ forDefault: defaultValue, value })} loop>
            <div className="flex items-center gap-2 border-b border-slate-200 px-3">
              <Search className="size-4 shrink-0 text-slate-400" aria-hidden />
              <Command.Input
                value={text}
                onValueChange={setText}
                autoFocus
                placeholder="Search contacts, companies, deals, leads and tickets…"
                className="h-12 w-full bg-transparent text-sm outline-none placeholder:text-slate-400"
              />
              {loading ? <Loader2 className="size-4 shrink-0 animate-spin text-slate-400" aria-hidden /> : null}
            </div>
            {search.isError && search.settled ? (
              <p role="alert" className="px-5 pt-3 text-sm text-red-700">
                {search.error.message}
              </p>
            ) : null}
            <p role="status" className={trimmed && search.settled && search.isSuccess && groups.length === 0 ? "px-5 pt-3 text-sm text-slate-500" : "sr-only"}>
              {!trimmed || !search.settled || !search.isSuccess ? "" : groups.length === 0 ? `No records match “${trimmed}”.` : `${search.data.length} record${search.data.length === 1 ? "" : "s"} found`}
            </p>
            <Command.List className="max-h-[60vh] overflow-y-auto p-2">
              {groups.map(({ kind, hits }) => {
                const meta = KIND_META[kind];
                const Icon = meta.icon;
                return (
                  <Command.Group key={kind} heading={meta.label} className="mb-1 [&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:py-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:uppercase [&_[cmdk-group-heading]]:text-slate-500">
                    {hits.map((h) => (
                      <Command.Item key={h.id} value={`${h.recordType}:${h.id}`} onSelect={() => go(meta.href(h.id))} className={itemClass}>
                        <Icon className="size-4 shrink-0 text-slate-400" aria-hidden />
                        <span className="min-w-0 flex-1">
                          <span className="block truncate font-medium text-slate-900">{h.title}</span>
                          {h.subtitle ? <span className="block truncate text-xs text-slate-600">{h.subtitle}</span> : null}
                        </span>
                        <span className="sr-only">{meta.singular}</span>
                      </Command.Item>
                    ))}
                  </Command.Group>
                );
              })}
              {navigation.length ? (
                <Command.Group heading="Go to" className="mt-1 [&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:py-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:uppercase [&_[cmdk-group-heading]]:text-slate-500">
                  {navigation.map((c) => (
                    <Command.Item key={c.href} value={c.href} onSelect={() => go(c.href)} className={itemClass}>
                      <ArrowRight className="size-4 shrink-0 text-slate-400" aria-hidden />
                      {c.label}
                    </Command.Item>
                  ))}
                </Command.Group>
              ) : null}
              {trimmed ? (
                <Command.Item value={SEARCH_ALL} onSelect={() => go(`/search?q=${encodeURIComponent(trimmed)}`)} className={itemClass}>
                  <Search className="size-4 shrink-0 text-slate-400" aria-hidden />
                  <span className="flex-1">All results for “{trimmed}”</span>
                  <CornerDownLeft className="size-3.5 text-slate-400" aria-hidden />
                </Command.Item>
              ) : null}
            </Command.List>
            <div className="flex items-center gap-3 border-t border-slate-200 px-3 py-2 text-xs text-slate-500">
              <span>
                <kbd className="font-sans">↑</kbd> <kbd className="font-sans">↓</kbd> to move
              </span>
              <span>
                <kbd className="font-sans">Enter</kbd> to open
              </span>
              <span>
                <kbd className="font-sans">Esc</kbd> to close
              </span>
            </div>
          </Command>
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}
