// Webhook custom headers often carry the receiver's credentials (an Authorization, an API
// key). Only those who may change an automation (admins) see their values; everyone else
// sees MASK, and the execution log shows MASK to all, since it keeps every request sent.
// A MASK sent back in a PATCH means "keep the stored value", so a config read back from a
// masked view and saved again does not overwrite the real value with the mask.
import { can, type Role } from "@/lib/auth/permissions";
import type { ValidationIssue } from "@/lib/errors";

export const MASK = "••••••";

/** Headers Stageline sets itself on a delivery or an AI request: no secret, shown as sent. */
const OWN_HEADERS = new Set(["content-type", "accept", "user-agent", "webhook-id", "webhook-timestamp", "webhook-signature"]);

export const mayReadHeaderValues = (role: Role) => can(role, "automations.manage");

export const maskHeaderValues = (headers: Record<string, string>): Record<string, string> => Object.fromEntries(Object.keys(headers).map((k) => [k, MASK]));

/** A WEBHOOK config as `role` may see it (the secret is never in it: see toAutomationDto). */
export function configForRole(config: Record<string, unknown>, role: Role): Record<string, unknown> {
  const headers = config.headers as Record<string, string> | undefined;
  if (!headers || mayReadHeaderValues(role)) return config;
  return { ...config, headers: maskHeaderValues(headers) };
}

/** A request as the execution log shows it: every header value but Stageline's own masked. */
export function requestForLog<T>(request: T): T {
  if (!request || typeof request !== "object") return request;
  const headers = (request as { headers?: unknown }).headers;
  if (!headers || typeof headers !== "object") return request;
  const masked = Object.fromEntries(Object.entries(headers as Record<string, unknown>).map(([k, v]) => [k, OWN_HEADERS.has(k.toLowerCase()) ? v : MASK]));
  return { ...request, headers: masked };
}

/**
 * Replaces each MASK in `next` with the stored value of the same header (names compared
 * case-insensitively, as HTTP does). A MASK with no stored value to keep is an issue:
 * the mask itself must never be stored or sent.
 */
export function keepMaskedHeaders(next: unknown, stored: Record<string, string> | undefined): { headers: unknown; issues: ValidationIssue[] } {
  // anything but an object is left as it is, for the config schema to refuse
  if (!next || typeof next !== "object" || Array.isArray(next)) return { headers: next, issues: [] };
  const storedByName = new Map(Object.entries(stored ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const issues: ValidationIssue[] = [];
  const headers = Object.fromEntries(
    Object.entries(next as Record<string, unknown>).map(([k, v]) => {
      if (v !== MASK) return [k, v];
      const kept = storedByName.get(k.toLowerCase());
      if (kept === undefined) issues.push({ path: `config.headers.${k}`, message: "is hidden (••••••) but has no stored value to keep; enter the value" });
      return [k, kept ?? v];
    }),
  );
  return { headers, issues };
}
