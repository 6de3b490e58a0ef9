import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseQuery } from "./query";

const schema = z.object({ objectType: z.enum(["DEAL", "LEAD"]), limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();

describe("parseQuery", () => {
  it("parses the parameters the schema reads, leaving the others to the route", () => {
    expect(parseQuery(schema, new URLSearchParams("objectType=DEAL&cursor=abc"), ["objectType", "limit"])).toEqual({ objectType: "DEAL", limit: 50 });
  });

  it("answers a 400 naming every bad parameter", () => {
    let error: unknown;
    try {
      parseQuery(schema, new URLSearchParams("objectType=WIDGET&limit=0"));
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({ code: "bad-request", extensions: { errors: [{ path: "objectType" }, { path: "limit" }] } });
    expect((error as Error).message).toMatch(/^objectType: .*; limit: /);
  });
});
