// WEBHOOK actions, Standard Webhooks style (API.md): POST url with webhook-id (the
// execution key, the same on every attempt and redelivery so receivers can de-duplicate),
// webhook-timestamp and webhook-signature (v1,<base64 HMAC-SHA256 of id.timestamp.body>
// with the automation's whsec_ secret), the custom headers, and the JSON body
// { type, timestamp, data: { tenantId, automationId, executionId, entityType, entityId,
// record, change } }. 2xx succeeds; network errors, 408, 429 and 5xx are retried;
// other answers and refused addresses fail at once. A 3xx is not followed (the signature
// and custom headers would go to the Location) and fails at once, naming the Location.
// The log keeps the request with custom header values masked (masking.ts).
import "server-only";
import { Webhook } from "standardwebhooks";
import { BlockedAddressError, excerpt, guardedPost, isRedirect, redirectNote, retryAfterMs, type PostOptions } from "./http";
import { requestForLog } from "./masking";
import type { Outcome } from "./outcome";
import { WEBHOOK_TIMEOUT, type WebhookConfig } from "./schemas";

export interface WebhookRequest {
  method: "POST";
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface WebhookBodyInput {
  tenantId: string;
  automationId: string;
  executionId: string | null;
  triggerEvent: string;
  occurredAt: Date;
  entityType: string;
  entityId: string;
  record: Record<string, unknown> | null;
  change: Record<string, unknown> | null;
}

export function webhookBody(i: WebhookBodyInput): string {
  const { tenantId, automationId, executionId, entityType, entityId, record, change } = i;
  return JSON.stringify({ type: i.triggerEvent, timestamp: i.occurredAt.toISOString(), data: { tenantId, automationId, executionId, entityType, entityId, record, change } });
}

/** The exact request: headers signed for `at`. The secret itself is never part of it. */
export function signedWebhookRequest(config: WebhookConfig, webhookId: string, body: string, at = new Date()): WebhookRequest {
  if (!config.secret) throw new Error("This webhook has no signing secret");
  const signature = new Webhook(config.secret).sign(webhookId, at, body);
  return {
    method: "POST",
    url: config.url,
    headers: {
      ...config.headers,
      "content-type": "application/json",
      "user-agent": "Stageline-Webhooks/1.0",
      "webhook-id": webhookId,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": signature,
    },
    body,
  };
}

const RETRYABLE = (status: number) => status === 408 || status === 429 || status >= 500;

export async function deliverWebhook(config: WebhookConfig, sent: WebhookRequest, guard?: PostOptions["guard"]): Promise<Outcome> {
  const timeoutMs = Math.min(config.timeoutMs ?? WEBHOOK_TIMEOUT.defaultMs, WEBHOOK_TIMEOUT.maxMs);
  const request = requestForLog(sent);
  try {
    const res = await guardedPost(sent.url, sent.headers, sent.body, { timeoutMs, guard });
    const base = { responseCode: res.status, responseBody: excerpt(res.body), request };
    if (res.status >= 200 && res.status < 300) return { result: "succeeded", ...base };
    if (isRedirect(res.status)) return { result: "failed", ...base, error: `${redirectNote(res)}: update the webhook URL to the final address` };
    if (RETRYABLE(res.status)) return { result: "retry", ...base, error: `HTTP ${res.status}`, retryAfterMs: retryAfterMs(res.headers["retry-after"]) };
    return { result: "failed", ...base, error: `HTTP ${res.status}: the receiver refused the delivery` };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof BlockedAddressError) return { result: "failed", error: message, request };
    return { result: "retry", error: `network error: ${message}`, request };
  }
}
