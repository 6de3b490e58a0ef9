// Timing helpers for `npm run bench`: every figure is reported next to the same work
// done in raw SQL in the same run.
import { performance } from "node:perf_hooks";

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  mean: number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { n: s.length, p50: q(0.5), p95: q(0.95), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

export async function time(fn: () => Promise<unknown>, runs: number, warmup = 3): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return stats(out);
}

export interface Row {
  benchmark: string;
  app: Stats;
  raw: Stats;
  target: string;
  pass: boolean;
  note?: string;
}

const fmt = (n: number) => n.toFixed(1).padStart(7);

export function report(rows: Row[]): void {
  console.log(`\n${"benchmark".padEnd(52)} ${"app p50".padStart(8)} ${"app p95".padStart(8)} ${"raw p50".padStart(8)} ${"raw p95".padStart(8)}  target`);
  for (const r of rows) {
    console.log(`${r.benchmark.padEnd(52)} ${fmt(r.app.p50)}ms ${fmt(r.app.p95)}ms ${fmt(r.raw.p50)}ms ${fmt(r.raw.p95)}ms  ${r.pass ? "✓" : "✗"} ${r.target}${r.note ? `  (${r.note})` : ""}`);
  }
  console.log(`\n${JSON.stringify({ results: rows.map((r) => ({ benchmark: r.benchmark, appP50: +r.app.p50.toFixed(2), appP95: +r.app.p95.toFixed(2), rawP50: +r.raw.p50.toFixed(2), rawP95: +r.raw.p95.toFixed(2), target: r.target, pass: r.pass, note: r.note })) })}`);
}
