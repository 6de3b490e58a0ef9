// Threading of synced mail (pure): a message joins the thread of the newest message it
// answers that is already known (In-Reply-To, then References from the last one back);
// otherwise the thread is named after the root its References name (their first), or the
// message it answers, or itself. A thread is named by a Message-ID, as sent emails'
// threads are (lib/email/send.ts: a sent email starts a thread named after itself), so a
// reply to a sent email joins the sent email's thread.

/** A Message-ID as stored: trimmed, with its angle brackets. Null when there is none. */
export function normalizeMessageId(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw.trim();
  if (!s) return null;
  const m = s.match(/<[^<>\s]+>/);
  if (m) return m[0];
  return /^[^<>\s]+$/.test(s) ? `<${s}>` : null;
}

/** Every Message-ID in a References or In-Reply-To header (a string or mailparser's string[]). */
export function messageIdsOf(raw: string | string[] | null | undefined): string[] {
  if (!raw) return [];
  const all = (Array.isArray(raw) ? raw : [raw]).flatMap((r) => r.match(/<[^<>\s]+>/g) ?? (r.trim() && !/\s/.test(r.trim()) ? [`<${r.trim()}>`] : []));
  return [...new Set(all)];
}

export interface ThreadHeaders {
  messageId: string;
  inReplyTo: string | null;
  references: string[];
}

/** The Message-IDs a message answers, nearest first: In-Reply-To, then References newest first. */
export function ancestorsOf(h: ThreadHeaders): string[] {
  const out: string[] = [];
  for (const id of [h.inReplyTo, ...[...h.references].reverse()]) if (id && id !== h.messageId && !out.includes(id)) out.push(id);
  return out;
}

/** The thread of a message, given the threads of the messages already known (by Message-ID). */
export function threadOf(h: ThreadHeaders, known: ReadonlyMap<string, string>): string {
  for (const id of ancestorsOf(h)) {
    const t = known.get(id);
    if (t) return t;
  }
  return h.references.find((r) => r !== h.messageId) ?? (h.inReplyTo && h.inReplyTo !== h.messageId ? h.inReplyTo : null) ?? h.messageId;
}

/**
 * Threads a batch in order (oldest first): each message can join a thread an earlier one in
 * the batch started. Answers the thread of each, by Message-ID.
 */
export function threadBatch(batch: readonly ThreadHeaders[], known: ReadonlyMap<string, string>): Map<string, string> {
  const seen = new Map(known);
  const out = new Map<string, string>();
  for (const h of batch) {
    const t = threadOf(h, seen);
    out.set(h.messageId, t);
    if (!seen.has(h.messageId)) seen.set(h.messageId, t);
  }
  return out;
}
