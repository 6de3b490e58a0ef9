// Recording an open (the pixel) or a click (the redirect) of a tracked email. The public
// endpoints carry no session: the tenant and email come from an id this server signed
// (lib/email/crypto.ts), so an altered id finds nothing (404), and a click only ever
// redirects to a link stored with the email, never to a URL the request names.
import "server-only";
import { sql } from "drizzle-orm";
import { emailEvents, emailMessages } from "@/db/schema";
import { emitEvents, type NewEvent, type RecordType } from "@/lib/events/emit";
import { log } from "@/lib/log";
import { systemActor, type TenantContext } from "@/lib/tenancy/context";
import { readInTenant, withTenant } from "@/lib/tenancy/with-tenant";
import { verifyToken } from "./crypto";
import { CLICK_PAYLOAD_BYTES, CLICK_URL_MAX_BYTES, isProxyOpen, OPEN_PAYLOAD_BYTES, readPayload, type TrackingTarget } from "./tracking-rules";

export function readTrackingToken(token: string, kind: "open" | "click"): TrackingTarget | null {
  const payload = verifyToken(token, kind === "open" ? OPEN_PAYLOAD_BYTES : { min: CLICK_PAYLOAD_BYTES, max: CLICK_PAYLOAD_BYTES + CLICK_URL_MAX_BYTES });
  return payload ? readPayload(payload, kind) : null;
}

const ctxOf = (tenantId: string): TenantContext => ({ tenantId, actor: systemActor("SYSTEM") });
const ua = (userAgent: string | null) => (userAgent ? userAgent.slice(0, 500) : null);

// Opens and clicks are written behind the answer. The endpoints answer every email client's
// image fetch and every click at once (a GIF, or the redirect), after checking the signed
// id in memory; the hits wait here for up to FLUSH_MS (or MAX_PENDING of them) and go to
// the database together, a transaction per workspace: one UPDATE of the emails' counters,
// one INSERT of their email_events, and their events. A crash loses at most that moment's
// hits; a failed write is logged and dropped. Counters are analytics, not records.
const FLUSH_MS = 100;
const MAX_PENDING = 1000;

type Hit =
  | { kind: "OPEN"; tenantId: string; emailId: string; userAgent: string | null; proxy: boolean }
  | { kind: "CLICK"; tenantId: string; emailId: string; linkIndex: number; url: string; userAgent: string | null };

/** Map.groupBy (Node 21+) for Node 20. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

let pending: Hit[] = [];
let timer: NodeJS.Timeout | null = null;
let flushing: Promise<void> = Promise.resolve();

function enqueue(hit: Hit): void {
  pending.push(hit);
  if (pending.length >= MAX_PENDING) void flushTracking();
  else if (!timer) {
    timer = setTimeout(() => void flushTracking(), FLUSH_MS);
    timer.unref();
  }
}

/** Writes the hits waiting now (and waits for any write under way); tests and shutdown call it. */
export function flushTracking(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const hits = pending;
  pending = [];
  flushing = flushing.then(async () => {
    const byTenant = groupBy(hits, (h) => h.tenantId);
    for (const [tenantId, list] of byTenant) {
      await writeHits(tenantId, list).catch((err: unknown) => log.error({ err, hits: list.length }, "recording email opens and clicks failed"));
    }
  });
  return flushing;
}

async function writeHits(tenantId: string, hits: Hit[]): Promise<void> {
  const opens = hits.filter((h) => h.kind === "OPEN");
  const clicks = hits.filter((h) => h.kind === "CLICK");
  const ctx = ctxOf(tenantId);
  await withTenant(ctx, async (tx) => {
    const events: NewEvent[] = [];
    const rows: (typeof emailEvents.$inferInsert)[] = [];
    if (opens.length) {
      const per = [...groupBy(opens, (h) => h.emailId)].map(([id, list]) => ({ id, n: list.length, proxies: list.filter((h) => h.proxy).length }));
      const updated = await tx.execute<{ id: string; record_type: RecordType; record_id: string; human_before: number; human_after: number }>(sql`
        update ${emailMessages} m set
          opens = m.opens + v.n, proxy_opens = m.proxy_opens + v.p,
          first_opened_at = coalesce(m.first_opened_at, now()), last_opened_at = now()
        from unnest(${sql.param(per.map((x) => x.id))}::uuid[], ${sql.param(per.map((x) => x.n))}::int[], ${sql.param(per.map((x) => x.proxies))}::int[]) v(id, n, p)
        where m.tenant_id = ${tenantId}::uuid and m.id = v.id and m.tracked
        returning m.id, m.record_type, m.record_id, (m.opens - v.n) - (m.proxy_opens - v.p) as human_before, m.opens - m.proxy_opens as human_after`);
      const tracked = new Set(updated.map((u) => u.id));
      for (const h of opens) if (tracked.has(h.emailId)) rows.push({ tenantId, emailId: h.emailId, kind: "OPEN", userAgent: h.userAgent, isProxy: h.proxy });
      // email.opened once: on the first open a person made (an image proxy's prefetch is no reading)
      for (const u of updated) if (u.human_before === 0 && u.human_after > 0) events.push({ type: "email.opened", entityType: u.record_type, entityId: u.record_id, payload: { emailId: u.id } });
    }
    if (clicks.length) {
      const per = [...groupBy(clicks, (h) => `${h.emailId}/${h.linkIndex}`)].map(([, list]) => ({ id: list[0]!.emailId, idx: list[0]!.linkIndex, n: list.length }));
      // clicks per email, and per link in link_clicks ({ "<index>": count })
      const updated = await tx.execute<{ id: string; record_type: RecordType; record_id: string }>(sql`
        with v as (select * from unnest(${sql.param(per.map((x) => x.id))}::uuid[], ${sql.param(per.map((x) => x.idx))}::int[], ${sql.param(per.map((x) => x.n))}::int[]) v(id, idx, n)),
        sums as (
          select id, sum(n)::int as n, jsonb_object_agg(idx::text, n) as by_link from v group by id
        )
        update ${emailMessages} m set
          clicks = m.clicks + s.n,
          link_clicks = m.link_clicks || (
            select jsonb_object_agg(e.k, coalesce((m.link_clicks ->> e.k)::int, 0) + e.n::int) from jsonb_each_text(s.by_link) e(k, n)
          )
        from sums s
        where m.tenant_id = ${tenantId}::uuid and m.id = s.id and m.tracked
        returning m.id, m.record_type, m.record_id`);
      const found = new Map(updated.map((u) => [u.id, u]));
      for (const h of clicks) {
        const e = found.get(h.emailId);
        if (!e) continue;
        rows.push({ tenantId, emailId: h.emailId, kind: "CLICK", linkIndex: h.linkIndex, userAgent: h.userAgent });
        events.push({ type: "email.clicked", entityType: e.record_type, entityId: e.record_id, payload: { emailId: h.emailId, linkIndex: h.linkIndex, url: h.url } });
      }
    }
    const col = <T>(pick: (r: (typeof rows)[number]) => T) => sql.param(rows.map(pick));
    const inserted = rows.length
      ? tx.execute(sql`insert into ${emailEvents} (tenant_id, email_id, kind, link_index, user_agent, is_proxy)
          select ${tenantId}::uuid, u.email_id, u.kind, u.link_index::int, u.user_agent, u.is_proxy::boolean
          from unnest(${col((r) => r.emailId)}::uuid[], ${col((r) => r.kind)}::text[], ${col((r) => (r.linkIndex == null ? null : String(r.linkIndex)))}::text[],
            ${col((r) => r.userAgent ?? null)}::text[], ${col((r) => (r.isProxy ? "t" : "f"))}::text[]) as u(email_id, kind, link_index, user_agent, is_proxy)`)
      // (numbers and booleans go as text: postgres.js sends a JS array of booleans as one boolean)
      : null;
    await Promise.all([inserted, emitEvents(tx, ctx, events)]);
  }, { genericPlans: true });
}

/** Counts an open; false when the id is not one this server signed. */
export async function recordOpen(token: string, userAgent: string | null): Promise<boolean> {
  const t = readTrackingToken(token, "open");
  if (!t) return false;
  enqueue({ kind: "OPEN", tenantId: t.tenantId, emailId: t.emailId, userAgent: ua(userAgent), proxy: isProxyOpen(userAgent) });
  return true;
}

/** A sent email's links never change: kept per instance (the newest LINKS_KEPT emails) so a click needs no read. */
const LINKS_KEPT = 10_000;
const linksOf = new Map<string, string[] | null>();

/** Look-ups asked for in the same turn of the event loop go as one read per workspace. */
let wanted = new Map<string, Map<string, ((links: string[] | null) => void)[]>>();

function trackedLinks(tenantId: string, emailId: string): Promise<string[] | null> {
  const kept = linksOf.get(emailId);
  if (kept !== undefined) return Promise.resolve(kept);
  return new Promise((resolve) => {
    if (wanted.size === 0) setImmediate(readWanted);
    const ofTenant = wanted.get(tenantId) ?? new Map<string, ((links: string[] | null) => void)[]>();
    wanted.set(tenantId, ofTenant);
    ofTenant.set(emailId, [...(ofTenant.get(emailId) ?? []), resolve]);
  });
}

function readWanted(): void {
  const batch = wanted;
  wanted = new Map();
  for (const [tenantId, ofTenant] of batch) {
    const ids = [...ofTenant.keys()];
    readInTenant(ctxOf(tenantId), LINKS_SQL, [tenantId, ids]).then(
      (rows) => {
        const found = new Map(rows.map((r) => [r[0] as string, (r[1] as string[] | null) ?? []]));
        for (const id of ids) {
          const links = found.get(id) ?? null;
          if (linksOf.size >= LINKS_KEPT) linksOf.delete(linksOf.keys().next().value!);
          linksOf.set(id, links);
          for (const resolve of ofTenant.get(id)!) resolve(links);
        }
      },
      (err: unknown) => {
        log.error({ err }, "reading tracked links failed");
        for (const list of ofTenant.values()) for (const resolve of list) resolve(null);
      },
    );
  }
}
const LINKS_SQL = "select id, links from email_messages where tenant_id = $1 and id = any($2::uuid[]) and tracked";

/** Counts a click and answers the stored link to redirect to; null when the id names none. */
export async function recordClick(token: string, userAgent: string | null): Promise<string | null> {
  const t = readTrackingToken(token, "click");
  if (!t || t.linkIndex === null) return null;
  // the link signed into the id (emails sent since it carries one), else the one stored at its index
  const url = t.url ?? (await trackedLinks(t.tenantId, t.emailId))?.[t.linkIndex];
  if (typeof url !== "string") return null;
  enqueue({ kind: "CLICK", tenantId: t.tenantId, emailId: t.emailId, linkIndex: t.linkIndex, url, userAgent: ua(userAgent) });
  return url;
}
