// The rules of tracking, without I/O: when a send may be tracked, how a plain-text body
// becomes HTML with its links rewritten and a pixel added, what a tracking id carries, and
// which opens a known image proxy made rather than a person.
import { isFreeMailDomain } from "@/lib/leads/free-mail";

export const domainOf = (address: string) => address.slice(address.lastIndexOf("@") + 1).trim().toLowerCase();

/** The workspace's own domains: its members' email domains, without the free providers. */
export function internalDomains(memberEmails: string[]): Set<string> {
  return new Set(memberEmails.map(domainOf).filter((d) => d && !isFreeMailDomain(d)));
}

/**
 * Tracking is off for mail to colleagues: when any recipient is at an internal domain, one
 * pixel would count the colleague's opens as the customer's, so the whole send goes untracked.
 */
export function trackingAllowed(recipients: string[], internal: Set<string>): boolean {
  return recipients.length > 0 && recipients.every((r) => !internal.has(domainOf(r)));
}

/**
 * Opens made by a mail provider's image proxy, not by a reader: Gmail's and Yahoo's proxies
 * name themselves; Apple Mail Privacy Protection prefetches every image with the bare
 * "Mozilla/5.0" agent. Counted, but flagged and shown apart.
 */
export function isProxyOpen(userAgent: string | null): boolean {
  if (!userAgent) return false;
  const ua = userAgent.trim();
  return ua === "Mozilla/5.0" || /GoogleImageProxy|ggpht\.com|YahooMailProxy|Yahoo! Slurp/i.test(ua);
}

// ---- tracking ids: kind, tenant, email (and link index) -------------------------------

const OPEN = 1;
const CLICK = 2;
const UNSUBSCRIBE = 3;
/** A click whose link travels in the id itself (signed with it): the redirect needs no read. */
const CLICK_TO = 4;
export const OPEN_PAYLOAD_BYTES = 33;
export const CLICK_PAYLOAD_BYTES = 35;
/** Links longer than this stay in the database only (the id names their index). */
export const CLICK_URL_MAX_BYTES = 1024;

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ""), "hex");
const uuidText = (b: Buffer) => {
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

export function openPayload(tenantId: string, emailId: string): Buffer {
  return Buffer.concat([Buffer.from([OPEN]), uuidBytes(tenantId), uuidBytes(emailId)]);
}

/** A click's payload; with `url` (up to CLICK_URL_MAX_BYTES) the link itself follows the index. */
export function clickPayload(tenantId: string, emailId: string, linkIndex: number, url?: string): Buffer {
  const idx = Buffer.alloc(2);
  idx.writeUInt16BE(linkIndex);
  const link = url ? Buffer.from(url, "utf8") : null;
  const carried = link && link.length <= CLICK_URL_MAX_BYTES ? link : null;
  return Buffer.concat([Buffer.from([carried ? CLICK_TO : CLICK]), uuidBytes(tenantId), uuidBytes(emailId), idx, ...(carried ? [carried] : [])]);
}

/** An unsubscribe link's payload: the same shape as an open's, with its own kind byte. */
export function unsubscribePayload(tenantId: string, emailId: string): Buffer {
  return Buffer.concat([Buffer.from([UNSUBSCRIBE]), uuidBytes(tenantId), uuidBytes(emailId)]);
}
export const UNSUBSCRIBE_PAYLOAD_BYTES = 33;

export interface TrackingTarget {
  kind: "open" | "click" | "unsubscribe";
  tenantId: string;
  emailId: string;
  linkIndex: number | null;
  /** A click's link, when its id carries it. */
  url: string | null;
}

/** What a verified payload names; null when its kind byte is not the one expected. */
export function readPayload(p: Buffer, kind: "open" | "click" | "unsubscribe"): TrackingTarget | null {
  const carried = kind === "click" && p[0] === CLICK_TO && p.length > CLICK_PAYLOAD_BYTES;
  if (!carried && (p[0] !== (kind === "open" ? OPEN : kind === "click" ? CLICK : UNSUBSCRIBE) || p.length !== (kind === "click" ? CLICK_PAYLOAD_BYTES : OPEN_PAYLOAD_BYTES))) return null;
  return {
    kind,
    tenantId: uuidText(p.subarray(1, 17)),
    emailId: uuidText(p.subarray(17, 33)),
    linkIndex: kind === "click" ? p.readUInt16BE(33) : null,
    url: carried ? p.subarray(CLICK_PAYLOAD_BYTES).toString("utf8") : null,
  };
}

// ---- the HTML body -------------------------------------------------------------------

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;
const MAX_LINKS = 200;

/** Text as HTML: the five characters that could end an element or an attribute, escaped. */
export const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** The http(s) links of a plain-text body, in order (each occurrence counts). */
export function linksOf(text: string): string[] {
  return [...text.matchAll(URL_IN_TEXT)].map((m) => m[0]).slice(0, MAX_LINKS);
}

export interface HtmlOptions {
  /** Given: each link's href becomes this (its index in linksOf order), and `pixelUrl` is added. */
  clickUrl?: (index: number, url: string) => string;
  pixelUrl?: string;
  /** A campaign's or sequence's unsubscribe link, below the message and never rewritten for tracking. */
  unsubscribeUrl?: string;
}

/** The plain-text footer of a campaign or sequence email. */
export const unsubscribeFooter = (url: string) => `\n\n--\nTo stop receiving these emails, unsubscribe: ${url}`;

/** A plain-text body as HTML: escaped, links made clickable (tracked when asked), line breaks kept. */
export function textToHtml(text: string, opts: HtmlOptions = {}): string {
  let index = 0;
  let out = "";
  let last = 0;
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const url = m[0];
    out += escapeHtml(text.slice(last, m.index));
    const href = opts.clickUrl && index < MAX_LINKS ? opts.clickUrl(index, url) : url;
    out += `<a href="${escapeHtml(href)}">${escapeHtml(url)}</a>`;
    index++;
    last = m.index! + url.length;
  }
  out += escapeHtml(text.slice(last));
  const body = out.replace(/\r?\n/g, "<br>\n");
  const pixel = opts.pixelUrl ? `<img src="${escapeHtml(opts.pixelUrl)}" width="1" height="1" alt="" style="display:block;border:0">` : "";
  const footer = opts.unsubscribeUrl
    ? `<p style="font-family:sans-serif;font-size:12px;color:#555;margin-top:24px">To stop receiving these emails, <a href="${escapeHtml(opts.unsubscribeUrl)}">unsubscribe</a>.</p>`
    : "";
  return `<!doctype html><html><body><div style="font-family:sans-serif;font-size:14px">${body}</div>${footer}${pixel}</body></html>`;
}
