// The OpenAPI contract checked on real traffic, as Stoplight Prism's validating proxy
// would: each answer of apiRoute is matched to its operation in the document
// (GET /api/v1/openapi.json) and must carry a documented status, the documented headers
// and a body valid by the documented schema. A request the server accepted (2xx) must be
// valid by the document too — body, query and path parameters — or a client generated
// from the document could not send it. And the operation names the permission its route
// checks, so the roles its description lists stay true.
// JSON Schema 2020-12 is validated by zod's fromJSONSchema (zod is installed; ajv 8 is not).
import { z } from "zod";
import type { oas31 } from "zod-openapi";
import type { Exchange } from "./answer-check";
import { openApiDocument } from "./openapi";

const BASE = "/api/v1";

export class ContractViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ContractViolation";
  }
}

type Doc = oas31.OpenAPIObject;
type Method = "get" | "put" | "post" | "patch" | "delete";
type Schema = oas31.SchemaObject | oas31.ReferenceObject;

/** Follows a local `$ref` (`#/components/...`) until it reaches the object itself. */
export function deref<T>(doc: Doc, value: T | oas31.ReferenceObject): T {
  let cur: unknown = value;
  for (let i = 0; i < 10 && cur && typeof cur === "object" && "$ref" in cur; i++) {
    const ref = (cur as oas31.ReferenceObject).$ref;
    cur = ref
      .slice(2)
      .split("/")
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
    if (cur === undefined) throw new ContractViolation(`The document's ${ref} points nowhere`);
  }
  return cur as T;
}

export interface Match {
  template: string;
  pathItem: oas31.PathItemObject;
  params: Record<string, string>;
}

/** The documented path a concrete one (below /api/v1) answers to: the most literal match, as Next routes it. */
export function matchPath(doc: Doc, path: string): Match | undefined {
  const segments = path.split("/").slice(1);
  let best: (Match & { literal: number }) | undefined;
  for (const [template, pathItem] of Object.entries(doc.paths ?? {})) {
    const parts = template.split("/").slice(1);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literal = 0;
    const fits = parts.every((part, i) => {
      const name = /^\{(.+)\}$/.exec(part)?.[1];
      if (!name) return part === segments[i] && ++literal > 0;
      params[name] = decodeURIComponent(segments[i]!);
      return segments[i] !== "";
    });
    if (fits && (!best || literal > best.literal)) best = { template, pathItem: pathItem as oas31.PathItemObject, params, literal };
  }
  return best && { template: best.template, pathItem: best.pathItem, params: best.params };
}

/** `<method> <template> <status>` of every answer checked in this test file (app/api/v1/contract.test.ts reads it). */
export const answered = new Set<string>();

const validators = new WeakMap<Doc, Map<string, z.ZodType>>();

/** A validator for a schema of the document, its component schemas as `$defs` (compiled once per key). */
export function validatorFor(doc: Doc, key: string, schema: Schema): z.ZodType {
  let cache = validators.get(doc);
  if (!cache) validators.set(doc, (cache = new Map()));
  let v = cache.get(key);
  if (!v) {
    const local = (x: unknown) => JSON.parse(JSON.stringify(x).replaceAll('"#/components/schemas/', '"#/$defs/')) as Record<string, unknown>;
    const root = { ...local(schema), $defs: local(doc.components?.schemas ?? {}) };
    v = z.fromJSONSchema(root as never, { defaultTarget: "draft-2020-12", registry: z.registry() });
    cache.set(key, v);
  }
  return v;
}

const issuesOf = (err: z.ZodError): string[] =>
  err.issues.map((i) => {
    const path = i.path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), "");
    return path ? `${path}: ${i.message}` : i.message;
  });

/** Query and path values are text; read them as the parameter's schema type says. */
function fromText(doc: Doc, schema: Schema | undefined, value: string): unknown {
  const s = schema ? deref<oas31.SchemaObject>(doc, schema) : undefined;
  const types = [s?.type ?? []].flat();
  if ((types.includes("integer") || types.includes("number")) && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (types.includes("boolean") && (value === "true" || value === "false")) return value === "true";
  return value;
}

const mediaOf = (contentType: string | null) => (contentType ?? "").split(";")[0]!.trim().toLowerCase();
const isJson = (media: string) => /^application\/([a-z.+-]*\+)?json$/.test(media);

function statusKey(responses: oas31.ResponsesObject, status: number): string | undefined {
  return [String(status), `${Math.floor(status / 100)}XX`, "default"].find((k) => responses[k] !== undefined);
}

function checkRequest(doc: Doc, op: oas31.OperationObject, opKey: string, match: Match, exchange: Exchange, problems: string[]) {
  const parameters = (op.parameters ?? []).map((p) => deref<oas31.ParameterObject>(doc, p));
  const url = new URL(exchange.request.url);
  for (const name of new Set(url.searchParams.keys())) {
    const param = parameters.find((p) => p.in === "query" && p.name === name);
    if (!param) {
      problems.push(`query parameter \`${name}\` is not declared`);
      continue;
    }
    for (const value of url.searchParams.getAll(name)) {
      const r = validatorFor(doc, `${opKey} query ${name}`, param.schema ?? {}).safeParse(fromText(doc, param.schema, value));
      if (!r.success) problems.push(...issuesOf(r.error).map((m) => `query parameter \`${name}\`: ${m}`));
    }
  }
  for (const param of parameters.filter((p) => p.required && p.in === "query")) {
    if (!url.searchParams.has(param.name)) problems.push(`required query parameter \`${param.name}\` was not sent`);
  }
  for (const [name, value] of Object.entries(match.params)) {
    const param = parameters.find((p) => p.in === "path" && p.name === name);
    if (!param) {
      problems.push(`path parameter \`${name}\` is not declared`);
      continue;
    }
    const r = validatorFor(doc, `${opKey} path ${name}`, param.schema ?? {}).safeParse(fromText(doc, param.schema, value));
    if (!r.success) problems.push(...issuesOf(r.error).map((m) => `path parameter \`${name}\`: ${m}`));
  }

  const requestBody = op.requestBody && deref<oas31.RequestBodyObject>(doc, op.requestBody);
  if (!("body" in exchange)) return; // the route never read a body: whatever came did not matter
  if (!requestBody) {
    problems.push("the route read a body, which the document does not declare");
    return;
  }
  const declared = requestBody.content["application/json"];
  if (!declared?.schema) {
    problems.push("the route read a JSON body, which the document does not declare");
    return;
  }
  const r = validatorFor(doc, `${opKey} request`, declared.schema).safeParse(exchange.body);
  if (!r.success) problems.push(...issuesOf(r.error).map((m) => `request body: ${m}`));
}

async function checkResponse(doc: Doc, op: oas31.OperationObject, opKey: string, answer: Response, problems: string[]) {
  const responses = op.responses ?? {};
  const key = statusKey(responses, answer.status);
  if (!key) {
    problems.push(`status ${answer.status} is not documented (${Object.keys(responses).join(", ")})`);
    return;
  }
  const documented = deref<oas31.ResponseObject>(doc, responses[key]);

  for (const [name, h] of Object.entries(documented.headers ?? {})) {
    const header = deref<oas31.HeaderObject>(doc, h);
    const value = answer.headers.get(name);
    if (value === null) {
      if (header.required) problems.push(`header ${name} is documented as required and missing`);
      continue;
    }
    if (!header.schema) continue;
    const r = validatorFor(doc, `${opKey} ${key} header ${name}`, header.schema).safeParse(fromText(doc, header.schema, value));
    if (!r.success) problems.push(...issuesOf(r.error).map((m) => `header ${name}: ${m}`));
  }

  const media = mediaOf(answer.headers.get("content-type"));
  const content = documented.content ?? {};
  if (Object.keys(content).length === 0) {
    if (answer.body && (await answer.text())) problems.push(`a ${answer.status} is documented without a body, and one was sent`);
    return;
  }
  const declared = content[media];
  if (!declared) {
    problems.push(`content type ${media || "(none)"} is not documented for ${key} (${Object.keys(content).join(", ")})`);
    return;
  }
  if (!isJson(media) || !declared.schema) return; // a stream or a file: the type is what can be checked
  const text = await answer.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    problems.push(`the ${media} body is not JSON`);
    return;
  }
  const r = validatorFor(doc, `${opKey} ${key} ${media}`, declared.schema).safeParse(body);
  if (!r.success) problems.push(...issuesOf(r.error).map((m) => `response body: ${m}`));
}

async function checkProblem(doc: Doc, answer: Response, problems: string[]) {
  const media = mediaOf(answer.headers.get("content-type"));
  if (media !== "application/problem+json") {
    problems.push(`a 404 for an undocumented path must be application/problem+json, not ${media || "(none)"}`);
    return;
  }
  const r = validatorFor(doc, "Problem", { $ref: "#/components/schemas/Problem" }).safeParse(await answer.json());
  if (!r.success) problems.push(...issuesOf(r.error).map((m) => `response body: ${m}`));
}

/**
 * Throws a ContractViolation listing every way this exchange departs from the document.
 * Requests outside /api/v1 (the board's data routes) are not part of the REST contract.
 */
export async function checkAnswer(exchange: Exchange, doc: Doc = openApiDocument() as Doc): Promise<void> {
  const { request, answer } = exchange;
  const url = new URL(request.url);
  if (!url.pathname.startsWith(`${BASE}/`)) return;
  const path = url.pathname.slice(BASE.length);
  const method = request.method.toLowerCase() as Method;
  const where = `${request.method} ${url.pathname}${url.search} → ${answer.status}`;

  const match = matchPath(doc, path);
  const op = match?.pathItem[method];
  const problems: string[] = [];
  if (!match || !op) {
    // what the document does not list does not exist: a 404 problem is the one right answer
    if (answer.status === 404) await checkProblem(doc, answer, problems);
    else problems.push(`no operation ${request.method} ${match?.template ?? path} in the document answers this`);
    if (problems.length) throw new ContractViolation(`OpenAPI contract: ${where}:\n  - ${problems.join("\n  - ")}`);
    return;
  }
  const opKey = `${method} ${match.template}`;
  answered.add(`${opKey} ${answer.status}`);

  const documentedPermission = (op as Record<string, unknown>)["x-permission"];
  if (documentedPermission !== (exchange.permission ?? undefined)) {
    problems.push(`the document says x-permission ${String(documentedPermission)}, the route checks ${String(exchange.permission)}`);
  }
  await checkResponse(doc, op, opKey, answer, problems);
  if (answer.status >= 200 && answer.status < 300) checkRequest(doc, op, opKey, match, exchange, problems);
  if (problems.length) throw new ContractViolation(`OpenAPI contract: ${where} (${opKey}):\n  - ${problems.join("\n  - ")}`);
}
