// Finds code written twice: every block of at least 10 lines that appears again elsewhere
// (or further down the same file) in the TypeScript of app/, components/, lib/, scripts/,
// e2e/ and db/ — db/schema and db/migrations excepted, where repetition is declaration.
// Lines are compared trimmed and with runs of spaces collapsed; blank lines, import and
// re-export statements, and lines of only brackets or punctuation are left out, so a copy
// re-indented or re-wrapped around a closing brace is still a copy.
//
//   npx tsx scripts/duplicates.ts [--min-lines 10] [--max-clones N] [--json]
//
// Prints each duplicated block as file:first-last pairs, largest first; with --max-clones
// it exits 1 when more blocks than that are duplicated (the gate for npm test).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const ROOTS = ["app", "components", "lib", "scripts", "e2e", "db"];
export const EXCLUDED = ["db/schema", "db/migrations", "node_modules", ".next"];

export interface SourceFile {
  path: string;
  text: string;
}

/** A kept line: its text for comparing, and where it is. */
interface Line {
  text: string;
  lineNo: number;
}

export interface Clone {
  lines: number;
  a: { path: string; start: number; end: number };
  b: { path: string; start: number; end: number };
}

const PUNCTUATION_ONLY = /^[\s{}()[\];,]*$/;
const STATEMENT_END = /(\bfrom\s*["'][^"']+["']|^\s*["'][^"']+["'])\s*;?\s*$/;

/** The lines of a file that count: trimmed, spaces collapsed, without blanks, imports and lone brackets. */
export function significantLines(text: string): Line[] {
  const out: Line[] = [];
  let inImport = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim().replace(/\s+/g, " ");
    if (inImport) {
      if (STATEMENT_END.test(line)) inImport = false;
      return;
    }
    if (/^import\b/.test(line) || /^export (\*|(type )?\{)[^;]*$/.test(line) || /^export (\*|(type )?\{).*\bfrom\s*["']/.test(line)) {
      // a multi-line import (or re-export) runs until its `from "..."`; `import "x"` is one line
      inImport = !STATEMENT_END.test(line) && !/^import ["']/.test(line);
      return;
    }
    if (PUNCTUATION_ONLY.test(line)) return;
    out.push({ text: line, lineNo: i + 1 });
  });
  return out;
}

/** Every pair of places where at least `minLines` kept lines are the same, each extended as far as it goes. */
export function findDuplicates(files: SourceFile[], minLines = 10): Clone[] {
  const lines = files.map((f) => significantLines(f.text));
  const windows = new Map<string, { file: number; at: number }[]>();
  lines.forEach((ls, file) => {
    for (let at = 0; at + minLines <= ls.length; at++) {
      const key = ls
        .slice(at, at + minLines)
        .map((l) => l.text)
        .join("\n");
      const list = windows.get(key);
      if (list) list.push({ file, at });
      else windows.set(key, [{ file, at }]);
    }
  });

  const clones: Clone[] = [];
  const covered = new Set<string>();
  for (const places of windows.values()) {
    for (let i = 0; i < places.length; i++) {
      for (let j = i + 1; j < places.length; j++) {
        const p = places[i]!;
        const q = places[j]!;
        if (p.file === q.file && q.at - p.at < minLines) continue; // a block overlapping itself (a run of like lines)
        if (covered.has(`${p.file}:${p.at}:${q.file}:${q.at}`)) continue;
        const a = lines[p.file]!;
        const b = lines[q.file]!;
        // grow the match both ways, so a block is reported once, whole, whichever window met it first
        let [i0, j0, n] = [p.at, q.at, minLines];
        while (i0 > 0 && a[i0 - 1]!.text === b[j0 - 1]?.text) [i0, j0, n] = [i0 - 1, j0 - 1, n + 1];
        while (i0 + n < a.length && j0 + n < b.length && a[i0 + n]!.text === b[j0 + n]!.text && !(p.file === q.file && i0 + n >= j0)) n++;
        for (let k = 0; k + minLines <= n; k++) covered.add(`${p.file}:${i0 + k}:${q.file}:${j0 + k}`);
        clones.push({
          lines: n,
          a: { path: files[p.file]!.path, start: a[i0]!.lineNo, end: a[i0 + n - 1]!.lineNo },
          b: { path: files[q.file]!.path, start: b[j0]!.lineNo, end: b[j0 + n - 1]!.lineNo },
        });
      }
    }
  }
  return clones.sort((x, y) => y.lines - x.lines || x.a.path.localeCompare(y.a.path) || x.a.start - y.a.start);
}

/** The TypeScript files the check reads, relative to `root`. */
export function sourceFiles(root: string): SourceFile[] {
  const out: SourceFile[] = [];
  for (const dir of ROOTS) {
    let entries: string[];
    try {
      entries = readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const rel = path.posix.join(dir, entry.split(path.sep).join("/"));
      if (!/\.tsx?$/.test(rel) || /\.d\.ts$/.test(rel) || EXCLUDED.some((x) => rel === x || rel.startsWith(`${x}/`))) continue;
      out.push({ path: rel, text: readFileSync(path.join(root, rel), "utf8") });
    }
  }
  return out.sort((x, y) => x.path.localeCompare(y.path));
}

function main(argv: string[]) {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const minLines = Number(arg("--min-lines") ?? 10);
  const maxClones = arg("--max-clones");
  const files = sourceFiles(process.cwd());
  const clones = findDuplicates(files, minLines);
  if (argv.includes("--json")) {
    console.log(JSON.stringify(clones, null, 2));
  } else {
    for (const c of clones) console.log(`${String(c.lines).padStart(3)} lines  ${c.a.path}:${c.a.start}-${c.a.end}  ${c.b.path}:${c.b.start}-${c.b.end}`);
    const perFile = new Map<string, number>();
    for (const c of clones) for (const side of [c.a, c.b]) perFile.set(side.path, (perFile.get(side.path) ?? 0) + 1);
    const worst = [...perFile].sort((x, y) => y[1] - x[1]).slice(0, 10);
    console.log(`\n${clones.length} duplicated blocks of ${minLines}+ lines in ${files.length} files (${clones.reduce((n, c) => n + c.lines, 0)} duplicated lines).`);
    if (worst.length) console.log(`Most involved: ${worst.map(([f, n]) => `${f} (${n})`).join(", ")}`);
  }
  if (maxClones !== undefined && clones.length > Number(maxClones)) {
    console.error(`✖ ${clones.length} duplicated blocks; at most ${maxClones} allowed. Extract the shared code.`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main(process.argv.slice(2));
