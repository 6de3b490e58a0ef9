// Bounces (pure): a delivery status notification (RFC 3464: multipart/report;
// report-type=delivery-status) names the message it reports on in its returned headers
// (text/rfc822-headers or message/rfc822), and whether delivery failed in its per-recipient
// fields (Action: failed, Status: 5.x.x).
import { messageIdsOf } from "./threading";

export interface DsnReport {
  /** The Message-ID of the message that bounced. */
  originalMessageId: string | null;
  recipient: string | null;
  status: string | null;
  /** A line a user can read: "550 5.1.1 User unknown" or the status. */
  reason: string;
  failed: boolean;
}

export function isDsn(contentType: string | null | undefined): boolean {
  if (!contentType) return false;
  const ct = contentType.toLowerCase();
  return ct.includes("multipart/report") && /report-type\s*=\s*"?delivery-status/.test(ct);
}

function field(text: string, name: string): string | null {
  const m = text.match(new RegExp(`^${name}\\s*:\\s*(.+(?:\\r?\\n[ \\t].+)*)`, "im"));
  return m ? m[1]!.replace(/\r?\n[ \t]+/g, " ").trim() : null;
}

/**
 * Reads a DSN from its parts' text: the delivery-status part and the returned headers or
 * message. Null when the parts name no original message.
 */
export function parseDsn(parts: { contentType: string; text: string }[]): DsnReport | null {
  const status = parts.find((p) => /message\/(global-)?delivery-status/i.test(p.contentType))?.text ?? "";
  const returned = parts.find((p) => /text\/rfc822-headers|message\/rfc822|message\/global/i.test(p.contentType))?.text ?? "";
  const headerEnd = returned.search(/\r?\n\r?\n/);
  const headers = headerEnd >= 0 ? returned.slice(0, headerEnd) : returned;
  const originalMessageId = messageIdsOf(field(headers, "Message-ID") ?? "")[0] ?? null;
  if (!originalMessageId) return null;
  const action = field(status, "Action")?.toLowerCase() ?? null;
  const st = field(status, "Status");
  const recipient = (field(status, "Final-Recipient") ?? field(status, "Original-Recipient"))?.replace(/^[^;]*;\s*/, "") ?? null;
  const diagnostic = field(status, "Diagnostic-Code")?.replace(/^[^;]*;\s*/, "") ?? null;
  const failed = action ? action === "failed" : !!st && st.startsWith("5");
  return { originalMessageId, recipient, status: st, reason: (diagnostic ?? st ?? "Undeliverable").slice(0, 500), failed };
}
