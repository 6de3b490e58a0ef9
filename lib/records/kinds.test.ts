import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COLLECTIONS, isRecordKind, KIND_WORDS, recordPath } from "./kinds";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("record kinds", () => {
  it.each(Object.entries(KIND_WORDS))("%s: its path is a page of the app and its collection a REST collection", (kind, words) => {
    expect(COLLECTIONS).toContain(words.collection);
    expect(existsSync(path.join(ROOT, "app/(crm)", recordPath(kind as keyof typeof KIND_WORDS), "page.tsx"))).toBe(true);
    expect(existsSync(path.join(ROOT, "app/(crm)", recordPath(kind as keyof typeof KIND_WORDS, "x").replace(/x$/, "[id]"), "page.tsx"))).toBe(true);
  });

  it("tells record kinds from other strings", () => {
    expect(["DEAL", "CONTACT"].every(isRecordKind)).toBe(true);
    expect([null, "ACTIVITY", "deal", "constructor", "toString"].some(isRecordKind)).toBe(false);
  });
});
