// The contract check on exchanges made up to break one promise each: a check that cannot
// fail would let every route test pass whatever the document says.
import { describe, expect, it } from "vitest";
import type { Exchange } from "./answer-check";
import { checkAnswer } from "./contract-check";

const ID = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
const AT = "2026-05-01T09:30:00.000Z";
const tag = { id: ID, name: "vip", color: "#2563eb", category: null, createdAt: AT };

const answer = (body: unknown, init: { status?: number; type?: string; headers?: Record<string, string> } = {}) =>
  new Response(body === null ? null : JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { "x-request-id": "req-1", ...(body === null ? {} : { "content-type": init.type ?? "application/json" }), ...init.headers },
  });

const exchange = (method: string, path: string, res: Response, more: Partial<Exchange> = {}): Exchange => ({
  request: new Request(`http://localhost/api/v1${path}`, { method }),
  answer: res,
  permission: "records.read",
  ...more,
});

const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  answer({ type: `/problems/${code}`, title: code, status, detail: "…", ...extra }, { status, type: "application/problem+json" });

describe("the OpenAPI contract check", () => {
  it("passes answers as the document describes them", async () => {
    await checkAnswer(exchange("GET", "/tags?counts=true", answer({ data: [{ ...tag, usageCount: 3 }], nextCursor: null })));
    await checkAnswer(exchange("GET", `/tags/${ID}`, problem(404, "not-found")));
    await checkAnswer(exchange("DELETE", `/tags/${ID}`, answer(null, { status: 204 }), { permission: "fields.manage" }));
    await checkAnswer(exchange("POST", "/tags", answer(tag, { status: 201 }), { permission: "fields.manage", body: { name: "vip" } }));
    await checkAnswer(exchange("GET", "/nothing-here", problem(404, "not-found")));
  });

  it("fails on a status the operation does not document", async () => {
    await expect(checkAnswer(exchange("GET", "/tags", answer({ data: [], nextCursor: null }, { status: 202 })))).rejects.toThrow(/status 202 is not documented/);
    await expect(checkAnswer(exchange("GET", "/tags", problem(429, "rate-limited")))).rejects.toThrow(/status 429 is not documented/);
  });

  it("fails on a property the schema does not allow, a missing one, or a value of the wrong type", async () => {
    await expect(checkAnswer(exchange("GET", `/tags/${ID}`, answer({ ...tag, entityTitle: "x" })))).rejects.toThrow(/response body: Unrecognized key: "entityTitle"/);
    await expect(checkAnswer(exchange("GET", `/tags/${ID}`, answer({ ...tag, name: undefined })))).rejects.toThrow(/response body: name/);
    await expect(checkAnswer(exchange("GET", `/tags/${ID}`, answer({ ...tag, id: "not-a-uuid" })))).rejects.toThrow(/response body: id: Invalid UUID/);
    await expect(checkAnswer(exchange("GET", "/tags", answer({ data: [{ ...tag, createdAt: "yesterday" }], nextCursor: null })))).rejects.toThrow(/data\[0\]\.createdAt/);
  });

  it("fails on a problem extension the Problem schema does not list", async () => {
    await checkAnswer(exchange("GET", `/tags/${ID}`, problem(422, "validation", { errors: [{ path: "name", message: "is required" }], invalidIds: ["x"] })));
    await expect(checkAnswer(exchange("GET", `/tags/${ID}`, problem(422, "validation", { badIds: ["x"] })))).rejects.toThrow(/Unrecognized key: "badIds"/);
    await expect(checkAnswer(exchange("GET", `/tags/${ID}`, problem(422, "nope")))).rejects.toThrow(/response body: type/);
  });

  it("fails without the x-request-id header, or with a content type the response does not declare", async () => {
    const bare = new Response(JSON.stringify(tag), { headers: { "content-type": "application/json" } });
    await expect(checkAnswer(exchange("GET", `/tags/${ID}`, bare))).rejects.toThrow(/header x-request-id is documented as required and missing/);
    await expect(checkAnswer(exchange("GET", `/tags/${ID}`, answer(tag, { type: "text/plain" })))).rejects.toThrow(/content type text\/plain is not documented/);
  });

  it("fails on an operation the document does not have, unless the answer is a 404 problem", async () => {
    await expect(checkAnswer(exchange("GET", "/widgets", answer({ data: [] })))).rejects.toThrow(/no operation GET \/widgets in the document/);
    await expect(checkAnswer(exchange("PUT", "/tags", answer({ data: [] })))).rejects.toThrow(/no operation PUT \/tags/);
    await expect(checkAnswer(exchange("GET", "/widgets", answer({ detail: "no" }, { status: 404 })))).rejects.toThrow(/must be application\/problem\+json/);
  });

  it("fails when a request the server accepted breaks the document: body, query or path", async () => {
    const created = () => answer(tag, { status: 201 });
    await expect(checkAnswer(exchange("POST", "/tags", created(), { permission: "fields.manage", body: { name: "vip", shade: "red" } }))).rejects.toThrow(/request body: Unrecognized key: "shade"/);
    await expect(checkAnswer(exchange("GET", "/tags?count=true", answer({ data: [], nextCursor: null })))).rejects.toThrow(/query parameter `count` is not declared/);
    await expect(checkAnswer(exchange("GET", "/tags?counts=maybe", answer({ data: [], nextCursor: null })))).rejects.toThrow(/query parameter `counts`/);
    await expect(checkAnswer(exchange("GET", "/tags/42", answer(tag)))).rejects.toThrow(/path parameter `id`: Invalid UUID/);
    // a refused request may be anything: the refusal is what is checked
    await checkAnswer(exchange("POST", "/tags", problem(422, "validation"), { permission: "fields.manage", body: { shade: "red" } }));
  });

  it("fails when the route checks another permission than the document names", async () => {
    await expect(checkAnswer(exchange("GET", "/tags", answer({ data: [], nextCursor: null }), { permission: "fields.manage" }))).rejects.toThrow(
      /the document says x-permission records.read, the route checks fields.manage/,
    );
  });

  it("matches a literal path before a parameter, as Next routes it", async () => {
    await checkAnswer(exchange("PUT", "/pipelines/order", answer({ data: [] }), { permission: "pipelines.manage", body: { objectType: "DEAL", pipelineIds: [ID] } }));
    await expect(checkAnswer(exchange("PUT", "/pipelines/order", answer({ data: [] }), { permission: "pipelines.manage", body: { pipelineIds: "x" } }))).rejects.toThrow(/request body/);
  });
});
