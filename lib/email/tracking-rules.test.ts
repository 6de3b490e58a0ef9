import { describe, expect, it } from "vitest";
import { CLICK_PAYLOAD_BYTES, CLICK_URL_MAX_BYTES, clickPayload, internalDomains, isProxyOpen, linksOf, openPayload, readPayload, textToHtml, trackingAllowed } from "./tracking-rules";

const T = "0b0f4d1e-8d4b-4c1a-9a57-2f6f3a1d7e01";
const E = "f3c2a8e4-1b2c-4d5e-8f90-123456789abc";

describe("tracking rules", () => {
  it("treats the members' own domains as internal, but not free mail providers", () => {
    const internal = internalDomains(["ann@acme.test", "bo@Acme.Test", "cy@gmail.com"]);
    expect([...internal]).toEqual(["acme.test"]);
    expect(trackingAllowed(["buyer@customer.test"], internal)).toBe(true);
    expect(trackingAllowed(["someone@gmail.com"], internal)).toBe(true);
    expect(trackingAllowed(["buyer@customer.test", "colleague@ACME.test"], internal)).toBe(false);
    expect(trackingAllowed([], internal)).toBe(false);
  });

  it.each([
    ["Mozilla/5.0", true],
    ["Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", true],
    ["YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html", true],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)", false],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36", false],
    [null, false],
  ])("flags proxy opens: %s → %s", (ua, proxy) => {
    expect(isProxyOpen(ua)).toBe(proxy);
  });

  it("round-trips ids through payloads, and a payload of the other kind reads as nothing", () => {
    expect(readPayload(openPayload(T, E), "open")).toEqual({ kind: "open", tenantId: T, emailId: E, linkIndex: null, url: null });
    expect(readPayload(clickPayload(T, E, 7), "click")).toEqual({ kind: "click", tenantId: T, emailId: E, linkIndex: 7, url: null });
    expect(readPayload(clickPayload(T, E, 7), "open")).toBeNull();
    expect(readPayload(openPayload(T, E), "unsubscribe")).toBeNull();
  });

  it("carries a click's link in its payload, up to CLICK_URL_MAX_BYTES (a longer one is read from the email)", () => {
    const url = "https://example.com/pricing?plan=pro&ref=é";
    expect(readPayload(clickPayload(T, E, 3, url), "click")).toEqual({ kind: "click", tenantId: T, emailId: E, linkIndex: 3, url });
    expect(readPayload(clickPayload(T, E, 3, url), "open")).toBeNull();
    const long = `https://example.com/${"a".repeat(CLICK_URL_MAX_BYTES)}`;
    expect(readPayload(clickPayload(T, E, 3, long), "click")).toEqual({ kind: "click", tenantId: T, emailId: E, linkIndex: 3, url: null });
    expect(clickPayload(T, E, 3, long).length).toBe(CLICK_PAYLOAD_BYTES);
  });

  it("finds links without trailing punctuation", () => {
    expect(linksOf("See https://example.com/a?b=1. And (http://x.test/y), then https://example.com/a?b=1!")).toEqual([
      "https://example.com/a?b=1",
      "http://x.test/y",
      "https://example.com/a?b=1",
    ]);
  });

  it("escapes the body, rewrites each link to its tracked URL and adds the pixel", () => {
    const html = textToHtml("Hi <b>Ada</b> & co,\nhttps://example.com/p?a=1&b=2", { clickUrl: (i) => `https://crm.test/c/${i}`, pixelUrl: "https://crm.test/o/x" });
    expect(html).toContain("Hi &lt;b&gt;Ada&lt;/b&gt; &amp; co,<br>");
    expect(html).toContain('<a href="https://crm.test/c/0">https://example.com/p?a=1&amp;b=2</a>');
    expect(html).toContain('<img src="https://crm.test/o/x"');
  });

  it("leaves links as they are and adds no pixel when untracked", () => {
    const html = textToHtml("Go to https://example.com now");
    expect(html).toContain('<a href="https://example.com">https://example.com</a> now');
    expect(html).not.toContain("<img");
  });
});
