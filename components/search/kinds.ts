// How each record type shows in search results: group label, link, icon (client-safe).
import { Building2, Kanban, LifeBuoy, Sparkles, Users, type LucideIcon } from "lucide-react";
import type { RecordKind } from "@/lib/records/registry";

export interface KindMeta {
  label: string;
  singular: string;
  icon: LucideIcon;
  href(id: string): string;
}

export const KIND_META: Record<RecordKind, KindMeta> = {
  CONTACT: { label: "Contacts", singular: "Contact", icon: Users, href: (id) => `/contacts/${id}` },
  COMPANY: { label: "Companies", singular: "Company", icon: Building2, href: (id) => `/companies/${id}` },
  DEAL: { label: "Deals", singular: "Deal", icon: Kanban, href: (id) => `/deals/${id}` },
  LEAD: { label: "Leads", singular: "Lead", icon: Sparkles, href: (id) => `/leads/${id}` },
  TICKET: { label: "Tickets", singular: "Ticket", icon: LifeBuoy, href: (id) => `/tickets/${id}` },
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
