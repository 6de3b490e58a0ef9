import { describe, expect, it } from "vitest";
import { ancestorsOf, messageIdsOf, normalizeMessageId, threadBatch, threadOf } from "./threading";

const h = (messageId: string, inReplyTo: string | null = null, references: string[] = []) => ({ messageId, inReplyTo, references });

describe("threading", () => {
  it("normalises Message-IDs and reads header lists", () => {
    expect(normalizeMessageId("  <a@b>  ")).toBe("<a@b>");
    expect(normalizeMessageId("a@b")).toBe("<a@b>");
    expect(normalizeMessageId("")).toBeNull();
    expect(normalizeMessageId("not an id")).toBeNull();
    expect(messageIdsOf("<a@b> <c@d>\r\n <e@f>")).toEqual(["<a@b>", "<c@d>", "<e@f>"]);
    expect(messageIdsOf(["<a@b>", "<a@b>", "<c@d>"])).toEqual(["<a@b>", "<c@d>"]);
    expect(messageIdsOf(undefined)).toEqual([]);
  });

  it("a message that answers nothing starts its own thread", () => {
    expect(threadOf(h("<1@x>"), new Map())).toBe("<1@x>");
  });

  it("joins the thread of the nearest known message it answers", () => {
    const known = new Map([["<root@x>", "<root@x>"], ["<2@x>", "T2"]]);
    expect(threadOf(h("<3@x>", "<2@x>", ["<root@x>", "<2@x>"]), known)).toBe("T2");
    // In-Reply-To unknown: the newest known reference
    expect(threadOf(h("<4@x>", "<gone@x>", ["<root@x>", "<gone@x>"]), known)).toBe("<root@x>");
    expect(ancestorsOf(h("<4@x>", "<gone@x>", ["<root@x>", "<gone@x>"]))).toEqual(["<gone@x>", "<root@x>"]);
  });

  it("with nothing known, the thread is the root its References name, else what it answers", () => {
    expect(threadOf(h("<3@x>", "<2@x>", ["<1@x>", "<2@x>"]), new Map())).toBe("<1@x>");
    expect(threadOf(h("<3@x>", "<2@x>"), new Map())).toBe("<2@x>");
    // a message that names itself is not its own parent
    expect(threadOf(h("<3@x>", "<3@x>", ["<3@x>"]), new Map())).toBe("<3@x>");
  });

  it("threads a batch in order: a reply joins a thread an earlier message of the batch started", () => {
    const out = threadBatch([h("<a@x>"), h("<b@x>", "<a@x>"), h("<c@x>", "<b@x>"), h("<d@x>")], new Map());
    expect([...out.values()]).toEqual(["<a@x>", "<a@x>", "<a@x>", "<d@x>"]);
    // a sent email's thread (named after it) takes its replies
    expect(threadBatch([h("<r@x>", "<sent@crm>")], new Map([["<sent@crm>", "<sent@crm>"]])).get("<r@x>")).toBe("<sent@crm>");
  });
});
