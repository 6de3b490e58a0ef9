// Building blocks for the OpenAPI document: each domain exports its paths, built from the
// same zod schemas that validate requests; lib/api/openapi.ts merges them. Every operation
// is made by `pathItem`, which gives it its id, tag, description (ending with the roles its
// permission allows), the errors apiRoute answers, and the x-request-id header.
// lib/api/contract-check.ts holds the route tests to it.
import { getTableColumns } from "drizzle-orm";
import type { PgArray, PgColumn, PgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiPathItemObject, ZodOpenApiResponseObject } from "zod-openapi";
import { PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { ERROR_STATUS } from "@/lib/errors";

/** The document's tags, in the order a reader meets them. */
export const TAGS = {
  companies: "Companies: the accounts a team sells to and supports.",
  contacts: "Contacts: people, usually at a company.",
  leads: "Leads: prospects in a lead pipeline, before they become contacts and deals.",
  deals: "Deals: opportunities moving through a deal pipeline, with an amount and a forecast.",
  tickets: "Tickets: support requests moving through a ticket pipeline.",
  pipelines: "Pipelines and their stages: order, movement mode (FLEXIBLE or ENFORCED), stage states and required fields.",
  activities: "Calls, emails, meetings, notes and tasks logged on a record.",
  lists: "Static lists (members added by hand) and dynamic lists (the records matching a filter).",
  watchers: "Users and groups following a record.",
  notifications: "The signed-in user's notifications about the records they follow.",
  search: "Search across contacts, companies, deals, leads and tickets.",
  tags: "The workspace's tags, as carried in every record's `tags`.",
  "custom-fields": "Custom field definitions; values live in each record's `customFields`.",
  automations: "Automations (webhook, workflow, event and AI worker actions), their executions and published events.",
  users: "The workspace's members.",
  groups: "Groups of members: they own records, follow them, and take turns in round-robin assignment.",
  "api-keys": "API keys: each carries a role that limits it exactly as it limits a user.",
  audit: "The append-only audit log: who did what, when and from where.",
  "web-forms": "Web forms: public forms whose posts become leads (POST /api/public/forms/{key}, the hosted page /f/{key}).",
  "assignment-rules": "Assignment rules: who gets a record created without an owner (a user, round robin over a group, least open records).",
  email: "Email: mailboxes (SMTP settings, passwords never returned), templates with {{variables}}, emails sent from a record (logged as EMAIL activities, sent by the worker) and their open and click tracking.",
  workspace: "The workspace's own settings: name, time zone (periods of analytics follow it), default currency.",
  analytics: "Pipeline metrics per period, the board as it stood at any past instant, quotas, dashboards and widget queries, computed from records and stage history.",
  campaigns: "Campaigns: one email to a list of contacts, sent in batches within the hourly limit and send window, with an A/B subject test and figures per variant.",
  sequences: "Sequences: emails and tasks one after the other for each enrolled contact, stopping on reply, bounce, unsubscribe or a deal's stage change.",
  imports: "CSV imports: upload, map, run in the worker (through the same services as every edit), download the failed rows, undo.",
} as const;
export type Tag = keyof typeof TAGS;

const requestId = z.string().meta({
  description: "This request's id, on every answer: the client's own `x-request-id` when it is 8–64 letters, digits, `.`, `_` or `-`, else a new UUID. A 500 names it as `requestId` too, to find the failure in the server's log.",
  header: { id: "RequestId" },
});
const retryAfter = z
  .number()
  .int()
  .min(1)
  .optional()
  .meta({ description: "Seconds to wait before trying again, when the server knows (RFC 9110).", header: { id: "RetryAfter" } });
const headers = z.object({ "x-request-id": requestId });

const PROBLEM_CODES = Object.keys(ERROR_STATUS) as (keyof typeof ERROR_STATUS)[];

export const problemSchema = z
  .object({
    type: z.enum(PROBLEM_CODES.map((c) => `/problems/${c}`) as [string, ...string[]]).meta({ description: "`/problems/<code>`: what went wrong, for a program to branch on" }),
    title: z.string().meta({ description: "The code in words" }),
    status: z.number().int().meta({ description: "The HTTP status, again" }),
    detail: z.string().meta({ description: "What went wrong here, for a person" }),
    errors: z
      .array(z.object({ path: z.string().meta({ description: "`email`, `filter.all[1].value`, `memberIds[2]`; empty for the body as a whole" }), message: z.string() }))
      .optional()
      .meta({ description: "`validation` (and some `conflict`s): each invalid value by its path. A NUL character anywhere in the input (body, query, path) is a 422 naming its field." }),
    allowedStageIds: z.array(z.uuid()).optional().meta({ description: "`movement-not-allowed`: the stages this record may move to" }),
    missingFields: z.array(z.string()).optional().meta({ description: "`required-fields-missing`: the fields the target stage requires that the record lacks" }),
    invalidIds: z.array(z.string()).optional().meta({ description: "`validation`: the ids that are not live records of the list's type in this workspace" }),
    recordCount: z.number().int().optional().meta({ description: "`conflict`: how many records still use the pipeline or stage" }),
    retryAfterSeconds: z.number().int().optional().meta({ description: "`rate-limited`: seconds to wait (also the Retry-After header)" }),
    requestId: z.string().optional().meta({ description: "`internal`: the request's id (also the x-request-id header)" }),
    mergedIntoId: z.uuid().optional().meta({ description: "`not-found`: the record was merged into this one (GET /{contacts|companies|leads}/{id})" }),
  })
  .meta({ id: "Problem", description: "An error (RFC 9457 problem details). No error carries a stack trace, SQL, or another workspace's data." });

const problem = (id: string, description: string, extraHeaders: z.ZodRawShape = {}): ZodOpenApiResponseObject => ({
  id,
  description,
  headers: headers.extend(extraHeaders),
  content: { "application/problem+json": { schema: problemSchema } },
});

/** The problem+json answers, once each in components/responses. */
const ERRORS = {
  "400": problem("BadRequest", "`bad-request`: malformed JSON, a bad query parameter or cursor, or a value the database cannot store."),
  "401": problem("Unauthorized", "`unauthorized`: a missing, unknown or revoked API key."),
  "403": problem("Forbidden", "`forbidden`: the key's role may not do this; or a browser session's write came from another origin."),
  "404": problem("NotFound", "`not-found`: no such record in this workspace (another workspace's id is a 404, never a 403)."),
  "409": problem("Conflict", "`conflict` (a uniqueness or state conflict; `recordCount` while records still use it) or `movement-not-allowed` (`allowedStageIds`)."),
  "413": problem("PayloadTooLarge", "`too-large`: the body is over 1 MiB."),
  "415": problem("UnsupportedMediaType", "`unsupported-media-type`: the body is not `application/json`."),
  "422": problem("Unprocessable", "`validation` (`errors` by path; `invalidIds`) or `required-fields-missing` (`missingFields`)."),
  "429": problem("TooManyRequests", "`rate-limited`: too many live streams are open for this key or user, or on this server; close one or retry later.", { "retry-after": retryAfter }),
  "500": problem("InternalError", "`internal`: something failed on the server and nothing was changed; `requestId` identifies it in the server's log."),
} as const;

/** A JSON answer. */
export const json = (schema: z.ZodType, description = "OK"): ZodOpenApiResponseObject => ({ description, headers, content: { "application/json": { schema } } });

/** An answer without a body (204). */
export const empty = (description: string): ZodOpenApiResponseObject => ({ description, headers });

/** A server-sent event stream. */
export const eventStream = (description: string): ZodOpenApiResponseObject => ({ description, headers, content: { "text/event-stream": { schema: z.string() } } });

export const pageOf = (item: z.ZodType) => z.object({ data: z.array(item), nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last" }) });
/** A collection answered whole: `nextCursor` is always null. */
export const allOf = (item: z.ZodType) => z.object({ data: z.array(item), nextCursor: z.null() });

/** A Drizzle column's value as the API answers it in JSON (timestamps as ISO strings, numerics as decimal strings). */
export function columnSchema(col: PgColumn): z.ZodType {
  switch (col.columnType) {
    case "PgUUID":
      return z.uuid();
    case "PgText":
    case "PgVarchar":
    case "PgCustomColumn":
      return col.enumValues?.length ? z.enum(col.enumValues as [string, ...string[]]) : z.string();
    case "PgEnumColumn":
      return z.enum(col.enumValues as [string, ...string[]]);
    case "PgInteger":
    case "PgSmallInt":
    case "PgBigInt53":
      return z.number().int();
    case "PgReal":
    case "PgDoublePrecision":
      return z.number();
    case "PgNumeric":
      return z.string().meta({ description: "A decimal, as a string", example: "12500.00" });
    case "PgBoolean":
      return z.boolean();
    case "PgTimestamp":
      return z.iso.datetime();
    case "PgDateString":
      return z.iso.date();
    case "PgJsonb":
      return z.unknown();
    case "PgArray":
      return z.array(columnSchema((col as PgArray<never, never>).baseColumn as PgColumn));
    default:
      // a new kind of column: say how it looks in JSON here, or the document would guess
      throw new Error(`lib/api/openapi-common.ts: no JSON schema for a ${col.columnType} column (${col.name})`);
  }
}

/** A row of `table` as the API answers it: the `keys` named, each nullable as its column is. */
export function rowSchema(table: PgTable, keys: readonly string[], overrides: Record<string, z.ZodType> = {}) {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  return z.object(
    Object.fromEntries(
      keys.map((key) => {
        const col = columns[key];
        if (!col) throw new Error(`lib/api/openapi-common.ts: ${key} is not a column`);
        const value = overrides[key] ?? columnSchema(col);
        return [key, col.notNull ? value : value.nullable()];
      }),
    ),
  );
}

export const limitParam = z.number().int().min(1).max(200).optional().meta({ description: "Page size (default 50)" });
export const cursorParam = z.string().optional().meta({ description: "`nextCursor` of the previous page" });

export const idPath = z.object({ id: z.uuid() });

export interface OperationSpec {
  /** Unique; what a generated client names the method. */
  id: string;
  tag: Tag;
  summary: string;
  /** What it does and answers, beyond the summary; the roles that may call it are added. */
  description: string;
  /** The permission its route checks (PERMISSIONS in lib/auth/permissions.ts). */
  permission: Permission;
  path?: z.ZodObject;
  query?: z.ZodObject;
  /** The JSON body the route parses. */
  body?: z.ZodType;
  /** An action without input: the body may be absent or `{}`. */
  noInput?: true;
  /** A live stream: at most a few open at once per key or user (429). */
  stream?: true;
  responses: Partial<Record<"200" | "201" | "202" | "204", ZodOpenApiResponseObject>>;
}

const rolesOf = (permission: Permission) => PERMISSIONS[permission].join(", ");

type Method = "get" | "post" | "put" | "patch" | "delete";

function operation(method: Method, spec: OperationSpec): ZodOpenApiOperationObject {
  const errors: Partial<Record<keyof typeof ERRORS, ZodOpenApiResponseObject>> = { "400": ERRORS["400"], "401": ERRORS["401"], "403": ERRORS["403"], "404": ERRORS["404"] };
  if (method !== "get") errors["409"] = ERRORS["409"];
  if (spec.body) Object.assign(errors, { "413": ERRORS["413"], "415": ERRORS["415"] });
  errors["422"] = ERRORS["422"];
  if (spec.stream) errors["429"] = ERRORS["429"];
  errors["500"] = ERRORS["500"];
  const out: ZodOpenApiOperationObject & { "x-permission": Permission } = {
    operationId: spec.id,
    summary: spec.summary,
    description: `${spec.description}\n\nAllowed for: ${rolesOf(spec.permission)} (permission \`${spec.permission}\`).`,
    tags: [spec.tag],
    "x-permission": spec.permission,
    responses: { ...spec.responses, ...errors },
  };
  if (spec.path || spec.query) out.requestParams = { ...(spec.path && { path: spec.path }), ...(spec.query && { query: spec.query }) };
  if (spec.body) out.requestBody = { required: true, content: { "application/json": { schema: spec.body } } };
  if (spec.noInput) out.requestBody = { required: false, description: "Nothing to send: no body, or `{}`.", content: { "application/json": { schema: z.object({}) } } };
  return out;
}

/** A path's operations, each with the errors apiRoute answers for its method and body. */
export function pathItem(ops: Partial<Record<Method, OperationSpec>>): ZodOpenApiPathItemObject {
  return Object.fromEntries(Object.entries(ops).map(([method, spec]) => [method, operation(method as Method, spec)]));
}
