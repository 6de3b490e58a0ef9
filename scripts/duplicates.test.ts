// The duplicate-code check on planted copies: it must find a copied block however it is
// indented or wrapped, name both places by their real line numbers, and ignore what is
// not code written twice (imports, blank lines, lone brackets, short runs).
import { describe, expect, it } from "vitest";
import { findDuplicates, significantLines, sourceFiles } from "./duplicates";

/** Twelve lines of real logic. */
const body = (name: string, indent = "  ") =>
  [
    `export function ${name}(rows: { id: string; amount: number }[]) {`,
    `${indent}const totals = new Map<string, number>();`,
    `${indent}for (const row of rows) {`,
    `${indent}${indent}const before = totals.get(row.id) ?? 0;`,
    `${indent}${indent}totals.set(row.id, before + row.amount);`,
    `${indent}}`,
    `${indent}const sorted = [...totals].sort((a, b) => b[1] - a[1]);`,
    `${indent}const top = sorted.slice(0, 10);`,
    `${indent}const sum = top.reduce((n, [, v]) => n + v, 0);`,
    `${indent}if (sum === 0) return { top, share: 0 };`,
    `${indent}const share = sum / [...totals.values()].reduce((n, v) => n + v, 0);`,
    `${indent}return { top, share };`,
    `}`,
  ].join("\n");

describe("duplicate-code check", () => {
  it("finds a block copied into another file, re-indented and under other imports, by both places' lines", () => {
    const a = `import { x } from "./x";\n\n// totals\n${body("topA")}\n`;
    const b = `import {\n  y,\n  z,\n} from "./y";\nimport "./side-effect";\n\nconst unrelated = 1;\n\n${body("topA", "    ")}\n`;
    const clones = findDuplicates([
      { path: "lib/a.ts", text: a },
      { path: "lib/b.ts", text: b },
    ]);
    expect(clones).toEqual([{ lines: 11, a: { path: "lib/a.ts", start: 4, end: 15 }, b: { path: "lib/b.ts", start: 9, end: 20 } }]);
  });

  it("finds a copy within one file", () => {
    const text = `${body("first")}\n\nconst between = true;\n\n${body("first")}\n`;
    const [clone, ...rest] = findDuplicates([{ path: "lib/one.ts", text }]);
    expect(rest).toEqual([]);
    expect(clone).toMatchObject({ a: { path: "lib/one.ts", start: 1 }, b: { path: "lib/one.ts", start: 17 } });
  });

  it("ignores fewer than 10 equal lines, and what only looks alike: imports, blank lines, brackets", () => {
    const nine = body("f").split("\n").slice(0, 9).join("\n");
    expect(findDuplicates([{ path: "a.ts", text: `${nine}\nconst a = 1;` }, { path: "b.ts", text: `${nine}\nconst b = 2;` }])).toEqual([]);
    const imports = Array.from({ length: 15 }, (_, i) => `import { m${i} } from "./m${i}";`).join("\n");
    const brackets = Array.from({ length: 15 }, () => "  });\n\n  ],").join("\n");
    expect(findDuplicates([{ path: "a.ts", text: `${imports}\n${brackets}\nconst a = 1;` }, { path: "b.ts", text: `${imports}\n${brackets}\nconst b = 2;` }])).toEqual([]);
  });

  it("keeps a line's place in the file while leaving out what does not count", () => {
    const lines = significantLines(`import {\n  a,\n} from "a";\n\nconst x = 1;\n  }\nexport { y } from "./y";\nexport { x };\n`);
    expect(lines).toEqual([
      { text: "const x = 1;", lineNo: 5 },
      { text: "export { x };", lineNo: 8 },
    ]);
  });

  it("reads app, components, lib, scripts, e2e and db, but not db/schema or db/migrations", () => {
    const paths = sourceFiles(process.cwd()).map((f) => f.path);
    expect(paths).toContain("scripts/duplicates.ts");
    expect(paths.some((p) => p.startsWith("lib/"))).toBe(true);
    expect(paths.some((p) => p.startsWith("db/schema/") || p.startsWith("db/migrations/"))).toBe(false);
  });
});
