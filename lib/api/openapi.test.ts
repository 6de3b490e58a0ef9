// The document as an integrator's tools read it: what Spectral's `spectral:oas` ruleset
// checks that matters here (ids, descriptions, tags, path parameters, resolvable and used
// components), the errors in one Problem shape, and every route of app/api/v1 documented.
// What each answer looks like is held to it by lib/api/contract-check.ts in the route tests.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { oas31 } from "zod-openapi";
import { GET as served } from "@/app/api/v1/openapi.json/route";
import { deref, validatorFor } from "./contract-check";
import { openApiDocument } from "./openapi";

const doc = openApiDocument() as oas31.OpenAPIObject;
const METHODS = ["get", "put", "post", "patch", "delete"] as const;
const operations = Object.entries(doc.paths ?? {}).flatMap(([template, item]) =>
  METHODS.filter((m) => item[m]).map((method) => ({ template, method, op: item[method]!, where: `${method.toUpperCase()} ${template}` })),
);

/** Every `$ref` anywhere in the document. */
function refsIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, out));
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

describe("the OpenAPI document", () => {
  it("is served at GET /api/v1/openapi.json: OpenAPI 3.1, titled, versioned, described", async () => {
    const res = served();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = await res.json();
    expect(body).toEqual(JSON.parse(JSON.stringify(doc)));
    expect(body).toMatchObject({ openapi: "3.1.0", info: { title: expect.any(String), version: expect.any(String), description: expect.any(String) }, servers: [{ url: "/api/v1" }] });
  });

  it("gives every operation a unique operationId, a summary, a description and one declared tag", () => {
    expect(operations.length).toBeGreaterThan(90);
    const declared = new Set((doc.tags ?? []).map((t) => t.name));
    const ids = new Map<string, string>();
    for (const { op, where } of operations) {
      expect(op.operationId, where).toMatch(/^[a-z][A-Za-z0-9]+$/);
      expect(ids.get(op.operationId!), `${where} reuses the operationId of ${ids.get(op.operationId!)}`).toBeUndefined();
      ids.set(op.operationId!, where);
      expect(op.summary?.length, where).toBeGreaterThan(5);
      // more than the roles line that every description ends with
      expect(op.description?.split("\n\nAllowed for:")[0]!.length, where).toBeGreaterThan(10);
      expect(op.tags, where).toHaveLength(1);
      expect(declared.has(op.tags![0]!), `${where}: tag ${op.tags![0]} is not declared`).toBe(true);
    }
  });

  it("declares each tag once with a description, and every tag has operations", () => {
    const names = (doc.tags ?? []).map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const t of doc.tags ?? []) expect(t.description, t.name).toBeTruthy();
    const used = new Set(operations.flatMap((o) => o.op.tags ?? []));
    expect(names.filter((n) => !used.has(n))).toEqual([]);
  });

  it("declares every path parameter of every path as required, and no other", () => {
    for (const { template, op, where } of operations) {
      const inPath = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const params = (op.parameters ?? []).map((p) => deref<oas31.ParameterObject>(doc, p)).filter((p) => p.in === "path");
      expect(params.map((p) => p.name).sort(), where).toEqual([...inPath].sort());
      for (const p of params) expect(p.required, `${where} {${p.name}}`).toBe(true);
    }
    for (const template of Object.keys(doc.paths ?? {})) {
      expect(template, "no trailing slash, no query string").toMatch(/^(\/[a-z0-9.{}A-Z-]+)+$/);
    }
  });

  it("answers each operation's success with a body or a 204, every 4xx and 5xx with the Problem schema, and every answer with x-request-id", () => {
    for (const { op, where } of operations) {
      const statuses = Object.keys(op.responses ?? {});
      expect(statuses.filter((s) => /^2/.test(s)).length, `${where} has no success response`).toBeGreaterThan(0);
      for (const status of ["400", "401", "403", "404", "422", "500"]) expect(statuses, where).toContain(status);
      for (const status of statuses) {
        const res = deref<oas31.ResponseObject>(doc, op.responses![status]);
        expect(res.description, `${where} ${status}`).toBeTruthy();
        expect(Object.keys(res.headers ?? {}), `${where} ${status}`).toContain("x-request-id");
        if (/^[45]/.test(status)) {
          expect(Object.keys(res.content ?? {}), `${where} ${status}`).toEqual(["application/problem+json"]);
          expect(res.content!["application/problem+json"]!.schema, `${where} ${status}`).toEqual({ $ref: "#/components/schemas/Problem" });
        } else if (status === "204") {
          expect(res.content, `${where} 204 has no body`).toBeUndefined();
        } else {
          expect(Object.keys(res.content ?? {}).length, `${where} ${status} has a body`).toBe(1);
        }
      }
    }
  });

  it("documents 413 and 415 where a JSON body is read, and 429 on the live stream", () => {
    for (const { op, where } of operations) {
      const body = op.requestBody && deref<oas31.RequestBodyObject>(doc, op.requestBody);
      const statuses = Object.keys(op.responses ?? {});
      if (body?.required) expect(statuses, where).toEqual(expect.arrayContaining(["413", "415"]));
    }
    expect(Object.keys(doc.paths!["/events/stream"]!.get!.responses!)).toContain("429");
    const tooMany = deref<oas31.ResponseObject>(doc, doc.paths!["/events/stream"]!.get!.responses!["429"]!);
    expect(Object.keys(tooMany.headers ?? {})).toContain("retry-after");
  });

  it("gives every POST a request body: what it reads, or `{}` for an action without input", () => {
    for (const { op, method, where } of operations.filter((o) => o.method !== "get" && o.method !== "delete")) {
      const body = op.requestBody && deref<oas31.RequestBodyObject>(doc, op.requestBody);
      // JSON, or a file the route streams (an import's CSV)
      expect(body?.content["application/json"]?.schema ?? body?.content["text/csv"]?.schema, `${method} ${where}`).toBeDefined();
    }
    for (const p of ["/lists/{id}/refresh", "/automation-executions/{id}/retry"]) {
      expect(deref<oas31.RequestBodyObject>(doc, doc.paths![p]!.post!.requestBody!)).toMatchObject({ required: false });
    }
  });

  it("resolves every $ref, uses every component, names every schema, and compiles every schema to a validator", () => {
    const refs = new Set(refsIn(doc));
    for (const ref of refs) expect(() => deref(doc, { $ref: ref }), ref).not.toThrow();
    const components = Object.entries(doc.components ?? {})
      .filter(([kind]) => kind !== "securitySchemes")
      .flatMap(([kind, entries]) => Object.keys(entries as object).map((name) => `#/components/${kind}/${name}`));
    expect(components.filter((c) => !refs.has(c)), "unused components").toEqual([]);
    expect(components.filter((c) => /__schema/.test(c)), "generated names: give the zod schema .meta({ id })").toEqual([]);
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      expect(() => validatorFor(doc, `component ${name}`, schema), name).not.toThrow();
    }
  });
});

describe("the routes of app/api/v1 and the document", () => {
  const root = path.join(process.cwd(), "app/api/v1");
  const routes = readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(`${path.sep}route.ts`) || f === "route.ts")
    .map((f) => {
      const segments = path.dirname(f) === "." ? [] : path.dirname(f).split(path.sep);
      const source = readFileSync(path.join(root, f), "utf8");
      const methods = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!.toLowerCase());
      return { file: `app/api/v1/${f}`, segments, methods };
    })
    // the document itself is not an operation of the API it describes
    .filter((r) => r.segments.join("/") !== "openapi.json");

  /** The route file Next would answer a documented path with: the one with the most literal segments. */
  function routeOf(template: string) {
    const parts = template.split("/").slice(1);
    const fits = routes.filter(
      (r) =>
        r.segments.length === parts.length &&
        r.segments.every((s, i) => {
          const param = /^\{(.+)\}$/.exec(parts[i]!)?.[1];
          const dynamic = /^\[(.+)\]$/.exec(s)?.[1];
          if (param) return dynamic === param;
          return dynamic ? dynamic === "collection" : s === parts[i];
        }),
    );
    return fits.sort((a, b) => b.segments.filter((s) => !s.startsWith("[")).length - a.segments.filter((s) => !s.startsWith("[")).length)[0];
  }

  it("finds a route for every documented operation, with that method exported", () => {
    expect(routes.length).toBeGreaterThan(40);
    for (const { template, method, where } of operations) {
      const route = routeOf(template);
      expect(route, `${where}: no route file answers it`).toBeDefined();
      expect(route!.methods, `${where} (${route!.file})`).toContain(method);
    }
  });

  it("documents every method of every route file", () => {
    const documented = new Map<string, Set<string>>();
    for (const { template, method } of operations) {
      const file = routeOf(template)?.file;
      if (file) documented.set(file, new Set([...(documented.get(file) ?? []), method]));
    }
    const missing = routes.flatMap((r) => r.methods.filter((m) => !documented.get(r.file)?.has(m)).map((m) => `${m.toUpperCase()} ${r.file}`));
    expect(missing, "route handlers the document does not describe").toEqual([]);
  });
});
