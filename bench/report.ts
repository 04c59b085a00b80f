// Benchmark output: a table on stdout and the same figures as JSON under bench/results/ (git-ignored),
// each stamped with the machine's core count and the commit measured.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Row {
  [column: string]: string | number;
}

export interface BenchResult {
  name: string;
  title: string;
  rows: Row[];
  notes?: string[];
}

export function machine(): { cores: number; cpu: string; node: string; commit: string; memoryGiB: number } {
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    if (execSync('git status --porcelain', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim()) commit += '+dirty';
  } catch {
    // not a git checkout
  }
  return { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version, commit, memoryGiB: Math.round(os.totalmem() / 2 ** 30) };
}

export function printTable(r: BenchResult): void {
  const cols = [...new Set(r.rows.flatMap((row) => Object.keys(row)))];
  const cell = (v: string | number | undefined) => (typeof v === 'number' ? (Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(2)) : (v ?? ''));
  const widths = cols.map((c) => Math.max(c.length, ...r.rows.map((row) => String(cell(row[c])).length)));
  const line = (vals: string[]) => `| ${vals.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  process.stdout.write(`\n${r.title}\n`);
  process.stdout.write(`${line(cols)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`);
  for (const row of r.rows) process.stdout.write(`${line(cols.map((c) => String(cell(row[c]))))}\n`);
  for (const n of r.notes ?? []) process.stdout.write(`  ${n}\n`);
}

export function writeResults(results: BenchResult[]): string {
  const dir = path.resolve('bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({ machine: machine(), at: new Date().toISOString(), results }, null, 2));
  return file;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
