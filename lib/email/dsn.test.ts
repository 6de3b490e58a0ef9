import { describe, expect, it } from "vitest";
import { isDsn, parseDsn } from "./dsn";
import { sanitizeEmailHtml } from "./sanitize";

describe("bounces (DSN)", () => {
  it("recognises a delivery status report by its content type", () => {
    expect(isDsn('multipart/report; report-type="delivery-status"; boundary=x')).toBe(true);
    expect(isDsn("multipart/report; report-type=disposition-notification")).toBe(false);
    expect(isDsn("multipart/mixed")).toBe(false);
  });

  it("reads the original Message-ID, the recipient and why", () => {
    const r = parseDsn([
      { contentType: "message/delivery-status", text: "Reporting-MTA: dns; mx\r\n\r\nFinal-Recipient: rfc822; nobody@x.test\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1\r\n  User unknown\r\n" },
      { contentType: "text/rfc822-headers", text: "Subject: hi\r\nMessage-ID: <orig@crm.test>\r\n" },
    ]);
    expect(r).toEqual({ originalMessageId: "<orig@crm.test>", recipient: "nobody@x.test", status: "5.1.1", reason: "550 5.1.1 User unknown", failed: true });
  });

  it("a delayed delivery is no bounce; a report that names no message is nothing", () => {
    expect(parseDsn([{ contentType: "message/delivery-status", text: "Action: delayed\r\nStatus: 4.4.1\r\n" }, { contentType: "message/rfc822", text: "Message-ID: <o@x>\r\n\r\nbody" }])?.failed).toBe(false);
    expect(parseDsn([{ contentType: "message/delivery-status", text: "Action: failed\r\n" }])).toBeNull();
  });
});

describe("incoming HTML", () => {
  it("drops scripts, handlers, frames and forms; holds remote images back", () => {
    const r = sanitizeEmailHtml('<div style="x" onmouseover="steal()"><script>alert(1)</script><iframe src="https://x"></iframe><form action="https://x"><input></form><a href="javascript:alert(1)">j</a><a href="https://ok.test">ok</a><img src="https://img.test/a.png" data-remote-src="x"><img src="cid:logo"></div>');
    expect(r.html).not.toMatch(/script|onmouseover|iframe|form|input|javascript|style=/);
    expect(r.html).toContain('<a href="https://ok.test" target="_blank" rel="noopener noreferrer nofollow">ok</a>');
    expect(r.html).toContain('<img data-remote-src="https://img.test/a.png" />');
    expect(r.html).not.toMatch(/\ssrc="https/);
    expect(r.hasRemoteImages).toBe(true);
    expect(sanitizeEmailHtml("<p>plain</p>")).toEqual({ html: "<p>plain</p>", hasRemoteImages: false });
  });
});
