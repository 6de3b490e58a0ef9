"use client";

import { Search } from "lucide-react";
import { useEffect, useState, useSyncExternalStore } from "react";
import { CommandPalette } from "@/components/search/command-palette";

const noSubscription = () => () => {};
const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/**
 * The search field in the top bar opens the ⌘K command palette: click it, start typing
 * in it (the text carries over), or press ⌘K / Ctrl+K anywhere. It stays a real search
 * box for assistive technology, so it is found by its name like any search field.
 */
export function GlobalSearchBox() {
  const [open, setOpen] = useState(false);
  const [initialText, setInitialText] = useState("");
  // The platform never changes: no subscription; the server renders the Mac hint.
  const mac = useSyncExternalStore(noSubscription, isMac, () => true);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setInitialText("");
        setOpen((o) => !o);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const openWith = (text: string) => {
    setInitialText(text);
    setOpen(true);
  };

  return (
    <div role="search" className="relative w-full max-w-md">
      <Search className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-slate-400" aria-hidden />
      <input
        type="search"
        aria-label="Search contacts, companies, deals, leads and tickets"
        aria-haspopup="dialog"
        aria-keyshortcuts={mac ? "Meta+K" : "Control+K"}
        placeholder="Search…"
        value=""
        onChange={(e) => openWith(e.target.value)}
        onClick={() => openWith("")}
        onKeyDown={(e) => {
          if (e.key === "Enter" || e.key === "ArrowDown") {
            e.preventDefault();
            openWith("");
          }
        }}
        className="w-full cursor-pointer rounded-md border border-slate-300 bg-slate-50 py-2 pl-8 pr-14 text-sm placeholder:text-slate-500 hover:bg-white focus:border-brand-500 focus:bg-white focus:outline-none focus:ring-1 focus:ring-brand-500"
      />
      <kbd aria-hidden className="pointer-events-none absolute right-2 top-1.5 rounded border border-slate-300 bg-white px-1.5 py-0.5 font-sans text-xs text-slate-500">
        {mac ? "⌘K" : "Ctrl K"}
      </kbd>
      {open ? <CommandPalette initialText={initialText} onClose={() => setOpen(false)} /> : null}
    </div>
  );
}
