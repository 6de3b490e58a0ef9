// Which records a synced message belongs to (pure): the addresses on it other than the
// mailbox's own and the workspace's own (its members' domains), less the excluded
// domains, matched to contacts and to (not yet converted) leads by their email
// (case-insensitive). The caller adds each matched contact's company and open deals.

export type SkipReason = "no_contact" | "excluded_domain" | "duplicate";

export const SKIP_REASONS: Record<SkipReason, string> = {
  no_contact: "No matching contact or lead",
  excluded_domain: "Excluded domain",
  duplicate: "Already synced",
};

export const normalizeAddress = (a: string) => a.trim().toLowerCase();
export const domainOfAddress = (a: string) => {
  const at = a.lastIndexOf("@");
  return at < 0 ? "" : a.slice(at + 1).trim().toLowerCase();
};

export interface MatchInput {
  from: string;
  to: readonly string[];
  cc: readonly string[];
  /** The mailbox's own address (and aliases). */
  own: readonly string[];
  /** The workspace's own domains: mail between colleagues is nobody's customer mail. */
  internalDomains: ReadonlySet<string>;
  excludedDomains: ReadonlySet<string>;
}

/** The outside addresses of a message, lower case, in order (from first), without repeats. */
export function counterparts(m: Pick<MatchInput, "from" | "to" | "cc" | "own" | "internalDomains">): string[] {
  const own = new Set(m.own.map(normalizeAddress));
  const out: string[] = [];
  for (const raw of [m.from, ...m.to, ...m.cc]) {
    const a = normalizeAddress(raw);
    if (!a.includes("@") || own.has(a) || m.internalDomains.has(domainOfAddress(a)) || out.includes(a)) continue;
    out.push(a);
  }
  return out;
}

export type MatchResult =
  | { matched: true; contactIds: string[]; leadIds: string[]; addresses: string[] }
  | { matched: false; reason: Exclude<SkipReason, "duplicate"> };

/**
 * The contacts and leads a message belongs to, in the order of its addresses (the sender
 * first), or why it is skipped: every outside address is in an excluded domain, or none is a
 * contact's or a lead's. `contactsByAddress` / `leadsByAddress`: lower-cased address → ids (a
 * contact's email and extra addresses; a lead's email).
 */
export function matchMessage(m: MatchInput, contactsByAddress: ReadonlyMap<string, readonly string[]>, leadsByAddress: ReadonlyMap<string, readonly string[]> = new Map()): MatchResult {
  const outside = counterparts(m);
  const candidates = outside.filter((a) => !m.excludedDomains.has(domainOfAddress(a)));
  if (outside.length > 0 && candidates.length === 0) return { matched: false, reason: "excluded_domain" };
  const contactIds: string[] = [];
  const leadIds: string[] = [];
  const addresses: string[] = [];
  for (const a of candidates) {
    const cs = contactsByAddress.get(a) ?? [];
    const ls = leadsByAddress.get(a) ?? [];
    if (!cs.length && !ls.length) continue;
    addresses.push(a);
    for (const id of cs) if (!contactIds.includes(id)) contactIds.push(id);
    for (const id of ls) if (!leadIds.includes(id)) leadIds.push(id);
  }
  return contactIds.length || leadIds.length ? { matched: true, contactIds, leadIds, addresses } : { matched: false, reason: "no_contact" };
}
