import { describe, expect, it } from "vitest";
import { auditToCsv } from "./csv";
import type { AuditOut } from "./queries";

const entry = (over: Partial<AuditOut>): AuditOut => ({
  id: "00000000-0000-4000-8000-000000000001",
  at: new Date("2026-12-02T10:00:00Z"),
  actorUserId: "00000000-0000-4000-8000-0000000000aa",
  actorApiKeyId: null,
  action: "record.updated",
  recordType: "CONTACT",
  recordId: "00000000-0000-4000-8000-0000000000cc",
  changes: { jobTitle: [null, "CTO"] },
  ip: "203.0.113.7",
  ...over,
});

describe("auditToCsv", () => {
  it("writes a header, names actors, and the changes as JSON", () => {
    const csv = auditToCsv([entry({})], new Map([["00000000-0000-4000-8000-0000000000aa", "Ann Admin"]]), true).split("\r\n");
    expect(csv[0]).toBe("At,Action,User,API key,Record type,Record ID,Changes,IP");
    expect(csv[1]).toBe('2026-12-02T10:00:00.000Z,record.updated,Ann Admin,,CONTACT,00000000-0000-4000-8000-0000000000cc,"{""jobTitle"":[null,""CTO""]}",203.0.113.7');
  });

  it("escapes a cell a spreadsheet would run as a formula", () => {
    const names = new Map([["00000000-0000-4000-8000-0000000000aa", "=HYPERLINK(\"http://evil\")"]]);
    const line = auditToCsv([entry({})], names, false).split("\r\n")[0]!;
    expect(line.split(",")[2]).toBe('"\'=HYPERLINK(""http://evil"")"');
  });
});
