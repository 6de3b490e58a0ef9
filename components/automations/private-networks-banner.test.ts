// WEBHOOK_ALLOW_PRIVATE_NETWORKS=1 is said at start (serve.ts prints through
// warnIfPrivateNetworksAllowed) and shown in Settings → Automations (the banner).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { warnIfPrivateNetworksAllowed } from "@/lib/automations/private-networks";
import { PrivateNetworksBanner } from "./private-networks-banner";

const before = process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS;
const setSwitch = (value: string | undefined) => {
  if (value === undefined) delete process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS;
  else process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = value;
};
afterEach(() => setSwitch(before));

const printed = () => {
  const lines: string[] = [];
  warnIfPrivateNetworksAllowed((m) => lines.push(m));
  return lines;
};

describe("the private networks switch", () => {
  it("when on: a start warning and an alert banner saying webhooks may reach private networks", () => {
    setSwitch("1");
    expect(printed()).toEqual([expect.stringMatching(/^WARNING: WEBHOOK_ALLOW_PRIVATE_NETWORKS=1: webhooks may reach private networks on this server/)]);
    const html = renderToStaticMarkup(createElement(PrivateNetworksBanner));
    expect(html).toMatch(/^<p role="alert"/);
    expect(html).toContain("Webhooks may reach private networks on this server.");
  });

  it("when off (unset, or anything but 1): no warning and no banner", () => {
    for (const value of [undefined, "0", "true"]) {
      setSwitch(value);
      expect(printed(), String(value)).toEqual([]);
      expect(renderToStaticMarkup(createElement(PrivateNetworksBanner)), String(value)).toBe("");
    }
  });
});
