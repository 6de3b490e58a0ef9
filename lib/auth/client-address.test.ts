import { afterEach, describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

const h = (xff?: string, extra: Record<string, string> = {}) => new Headers({ ...(xff === undefined ? {} : { "x-forwarded-for": xff }), ...extra });

describe("clientAddress", () => {
  afterEach(() => {
    delete process.env.TRUSTED_PROXY_HOPS;
  });

  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["198.51.100.1, 203.0.113.7", "203.0.113.7"], // what the client wrote, then what our proxy saw
    [" ::ffff:203.0.113.7 ", "203.0.113.7"],
    ["203.0.113.7:51234", "203.0.113.7"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["[2001:db8:1:2::9]:443", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["127.0.0.1", null],
    ["::1", null],
    ["not-an-address", null],
    ["", null],
  ])("%j → %j", (xff, expected) => {
    expect(clientAddress(h(xff))).toBe(expected);
  });

  it("counts TRUSTED_PROXY_HOPS from the right behind a chain of proxies", () => {
    process.env.TRUSTED_PROXY_HOPS = "2";
    expect(clientAddress(h("198.51.100.1, 203.0.113.7, 10.0.0.2"))).toBe("203.0.113.7");
  });

  it("falls back to X-Real-IP, and is null with neither header", () => {
    expect(clientAddress(h(undefined, { "x-real-ip": "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientAddress(h())).toBeNull();
  });
});
