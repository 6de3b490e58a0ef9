// How each record type shows in search results: group label, link, icon (client-safe).
import { Building2, Kanban, LifeBuoy, Sparkles, Users, type LucideIcon } from "lucide-react";
import { capitalize, KIND_WORDS, recordPath, type RecordKind } from "@/lib/records/kinds";

export interface KindMeta {
  label: string;
  singular: string;
  icon: LucideIcon;
  href(id: string): string;
}

const meta = (kind: RecordKind, icon: LucideIcon): KindMeta => ({
  label: capitalize(KIND_WORDS[kind].plural),
  singular: capitalize(KIND_WORDS[kind].singular),
  icon,
  href: (id) => recordPath(kind, id),
});

export const KIND_META: Record<RecordKind, KindMeta> = {
  CONTACT: meta("CONTACT", Users),
  COMPANY: meta("COMPANY", Building2),
  DEAL: meta("DEAL", Kanban),
  LEAD: meta("LEAD", Sparkles),
  TICKET: meta("TICKET", LifeBuoy),
};

export interface Hit {
  recordType: RecordKind;
  id: string;
  title: string;
  subtitle: string | null;
  score: number;
}

/** Hits grouped by record type; groups ordered by their best hit (hits arrive best first). */
export function groupHits<H extends Hit>(hits: readonly H[]): { kind: RecordKind; hits: H[] }[] {
  const groups = new Map<RecordKind, H[]>();
  for (const h of hits) {
    const g = groups.get(h.recordType);
    if (g) g.push(h);
    else groups.set(h.recordType, [h]);
  }
  return [...groups.entries()].map(([kind, hs]) => ({ kind, hits: hs }));
}
