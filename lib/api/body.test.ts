// The 1 MiB body limit holds for chunked bodies too: the bytes are counted while they
// stream in, and reading stops at the limit (a 5 MB body used to be read whole first).
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as list, POST } from "@/app/api/v1/[collection]/route";
import { makeTenant } from "@/db/testing/factories";
import { createApiKey } from "./keys";
import { MAX_BODY } from "./body";
import { routeParams as params } from "./testing";

/** A chunked upload (no Content-Length) of `prefix` then spaces up to `total` bytes; counts what the server pulled. */
function upload(total: number, prefix = "", chunk = 64 * 1024) {
  const head = new TextEncoder().encode(prefix);
  let delivered = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (delivered >= total) return controller.close();
      const n = Math.min(chunk, total - delivered);
      const bytes = new Uint8Array(n).fill(0x20);
      if (delivered === 0) bytes.set(head.subarray(0, n));
      delivered += n;
      controller.enqueue(bytes);
    },
  });
  return { body, delivered: () => delivered };
}

function post(key: string, body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return new NextRequest("http://localhost/api/v1/companies", {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
    body,
    duplex: "half",
    // a stream body needs duplex "half" (Node's fetch); Next's RequestInit type does not list it
  } as ConstructorParameters<typeof NextRequest>[1]);
}

describe("request body limit", () => {
  it("answers a 5 MB chunked body with 413 after reading little more than 1 MiB of it", async () => {
    const t = await makeTenant();
    const { key } = await createApiKey(t.ctx, { name: "k", role: "admin" });
    const big = upload(5 * 1000 * 1000, '{"name":"Huge"}');
    const res = await POST(post(key, big.body), params({ collection: "companies" }));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ type: "/problems/too-large" });
    expect(big.delivered()).toBeGreaterThan(MAX_BODY);
    expect(big.delivered()).toBeLessThan(2 * 1024 * 1024);
    const page = await (await list(new NextRequest("http://localhost/api/v1/companies", { headers: { authorization: `Bearer ${key}` } }), params({ collection: "companies" }))).json();
    expect(page.data).toHaveLength(0);
  });

  it("refuses a declared Content-Length over the limit without reading the body", async () => {
    const t = await makeTenant();
    const { key } = await createApiKey(t.ctx, { name: "k", role: "admin" });
    const big = upload(5 * 1000 * 1000);
    const res = await POST(post(key, big.body, { "content-length": String(5 * 1000 * 1000) }), params({ collection: "companies" }));
    expect(res.status).toBe(413);
    expect(big.delivered()).toBeLessThanOrEqual(64 * 1024);
  });

  it("reads a chunked body just under the limit whole, across its chunks", async () => {
    const t = await makeTenant();
    const { key } = await createApiKey(t.ctx, { name: "k", role: "admin" });
    const near = upload(MAX_BODY - 10, '{"name":"Padded Inc"}', 50_000);
    const res = await POST(post(key, near.body), params({ collection: "companies" }));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ name: "Padded Inc" });
    expect(near.delivered()).toBe(MAX_BODY - 10);
  });
});
