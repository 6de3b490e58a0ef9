// AIWORKER actions: the prompt template, filled from the record ({{record.name}},
// {{record.customFields.tier}}), goes to the tenant's OpenAI-compatible
// POST {baseUrl}/chat/completions (Settings → AI); the answer becomes a NOTE on the
// record or a field value (through the same writers as a workflow step). The provider
// is reached through the same SSRF guard as webhooks; 408, 429, 5xx and network errors
// are retried like a webhook's. A redirect is not followed (the key would go with it):
// the attempt fails, naming the Location.
import "server-only";
import { createActivity } from "@/lib/activities/service";
import type { AutomationAction } from "@/db/schema";
import { RECORD_KINDS } from "@/lib/records/registry";
import { serializeRecord, type RecordRow } from "@/lib/records/service";
import { systemActor } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { loadAiSettings } from "./ai-settings";
import { BlockedAddressError, excerpt, guardedPost, isRedirect, redirectNote, retryAfterMs } from "./http";
import { failed, type Outcome } from "./outcome";
import { aiWorkerConfigSchema, type AutomationEntityType } from "./schemas";
import { automationCtx, setRecordField } from "./workflow";

export const AI_NOT_CONFIGURED = "AI is not configured: set the base URL, model and key in Settings → AI";
const AI_TIMEOUT_MS = 60_000;

/** `{{record.path}}` → the record's value at that path (objects as JSON, missing as ""). */
export function fillPrompt(template: string, record: Record<string, unknown> | null): string {
  const view = record ? serializeRecord(record as RecordRow) : {};
  return template.replace(/\{\{\s*record\.([A-Za-z0-9_.]+)\s*\}\}/g, (_, path: string) => {
    const value = path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), view);
    if (value === undefined || value === null) return "";
    if (value instanceof Date) return value.toISOString();
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  });
}

export function chatRequest(model: string, prompt: string) {
  return {
    model,
    messages: [
      { role: "system", content: "You are an assistant inside a CRM. Answer concisely; your answer is stored as is." },
      { role: "user", content: prompt },
    ],
  };
}

export async function runAiWorker(automation: AutomationAction, entityId: string, record: Record<string, unknown> | null): Promise<Outcome> {
  const parsed = aiWorkerConfigSchema.safeParse(automation.configJson);
  if (!parsed.success) return failed("The AI worker's configuration is not valid; edit the automation");
  if (!record || record.deletedAt) return failed("The record no longer exists");
  const ctx = { tenantId: automation.tenantId, actor: systemActor("AUTOMATION") };
  const settings = await withTenant(ctx, (tx) => loadAiSettings(tx, ctx));
  if (!settings.baseUrl || !settings.model || !settings.apiKey) return failed(AI_NOT_CONFIGURED);
  const prompt = fillPrompt(parsed.data.prompt, record);
  const url = `${settings.baseUrl}/chat/completions`;
  const body = JSON.stringify(chatRequest(settings.model, prompt));
  const request = { method: "POST", url, headers: { "content-type": "application/json", authorization: "Bearer ***" }, body };
  let answer: string;
  try {
    const res = await guardedPost(url, { "content-type": "application/json", accept: "application/json", authorization: `Bearer ${settings.apiKey}` }, body, { timeoutMs: AI_TIMEOUT_MS });
    const base = { responseCode: res.status, responseBody: excerpt(res.body), request };
    if (res.status === 408 || res.status === 429 || res.status >= 500) return { result: "retry", ...base, error: `AI provider answered HTTP ${res.status}`, retryAfterMs: retryAfterMs(res.headers["retry-after"]) };
    if (isRedirect(res.status)) return failed(`AI provider answered ${redirectNote(res)}: set the base URL to the final address in Settings → AI`, base);
    if (res.status < 200 || res.status >= 300) return failed(`AI provider refused the request: HTTP ${res.status}`, base);
    const content = (JSON.parse(res.body) as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message?.content;
    if (typeof content !== "string" || !content.trim()) return failed("AI provider gave no answer (choices[0].message.content is empty)", base);
    answer = content.trim();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof BlockedAddressError) return failed(message, { request });
    if (err instanceof SyntaxError) return failed(`AI provider did not answer JSON: ${message}`, { request });
    return { result: "retry", error: `AI provider unreachable: ${message}`, request };
  }
  const kind = automation.entityType as AutomationEntityType;
  const actx = automationCtx(automation.tenantId, automation.id);
  try {
    if (parsed.data.output.type === "note") {
      await createActivity(actx, { activityType: "NOTE", recordType: kind, recordId: entityId, subject: automation.name, body: answer });
    } else {
      await setRecordField(actx, kind, entityId, parsed.data.output.field, answer);
    }
  } catch (err) {
    return failed(`The answer could not be saved on the ${RECORD_KINDS[kind].singular}: ${err instanceof Error ? err.message : String(err)}`, { responseCode: 200, responseBody: excerpt(answer), request });
  }
  return { result: "succeeded", responseCode: 200, responseBody: excerpt(answer), request };
}
