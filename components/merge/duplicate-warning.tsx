"use client";
// The create form's warning (issue 17): "A contact with this email already exists",
// with a link to open it, while the email (contacts, leads) or domain (companies) is typed.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useDebounced } from "@/components/search/use-search";
import { actionData } from "@/lib/action-result";
import { existingDuplicatesAction } from "@/lib/duplicates/actions";
import type { DuplicateObjectType } from "@/lib/duplicates/rules";
import { KIND_WORDS, recordPath } from "@/lib/records/kinds";

/** The field each kind is checked by. */
export const WARNED_FIELD: Record<DuplicateObjectType, "email" | "domain"> = { CONTACT: "email", LEAD: "email", COMPANY: "domain" };

export function DuplicateWarning({ kind, value }: { kind: DuplicateObjectType; value: string }) {
  const field = WARNED_FIELD[kind];
  const settled = useDebounced(value.trim(), 350);
  const ready = field === "email" ? /^[^@\s]+@[^@\s]+$/.test(settled) : settled.includes(".");
  const found = useQuery({
    queryKey: ["existing-duplicates", kind, settled],
    queryFn: () => actionData(existingDuplicatesAction({ kind, values: { [field]: settled } })),
    enabled: ready,
    staleTime: 30_000,
  });
  const words = KIND_WORDS[kind];
  const hits = ready ? (found.data ?? []) : [];
  return (
    <div role="status" aria-live="polite">
      {hits.length ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {hits.length === 1 ? `A ${words.singular} with this ${field} already exists: ` : `${hits.length} ${words.collection} with this ${field} already exist: `}
          {hits.map((h, i) => (
            <span key={h.id}>
              {i ? ", " : null}
              <Link href={recordPath(kind, h.id)} className="font-medium underline">
                {h.title}
              </Link>
            </span>
          ))}
          . You can open it instead, or create this one anyway (and merge later).
        </div>
      ) : null}
    </div>
  );
}
