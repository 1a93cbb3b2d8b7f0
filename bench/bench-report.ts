import fs from 'node:fs';
import path from 'node:path';
import type { LatencySummary } from './bench-stats';
import type { LoadReport } from './load-runner';

export type Target = { name: string; limit: string; measured: string; pass: boolean };

/** A target as "measured < limit": the measured value is printed whether it passes or not. */
export function below(name: string, measured: number, limit: number, unit: string, inclusive = false): Target {
  const pass = Number.isFinite(measured) && (inclusive ? measured <= limit : measured < limit);
  return { name, limit: `${inclusive ? '≤' : '<'} ${limit} ${unit}`, measured: `${measured} ${unit}`, pass };
}

/** A target as "measured ≥ limit". */
export function atLeast(name: string, measured: number, limit: number, unit: string): Target {
  return {
    name,
    limit: `≥ ${limit} ${unit}`,
    measured: `${measured} ${unit}`,
    pass: Number.isFinite(measured) && measured >= limit,
  };
}

function table(rows: (string | number)[][]): string {
  const cells = rows.map((row) => row.map(String));
  const widths = cells[0]!.map((_, col) => Math.max(...cells.map((row) => (row[col] ?? '').length)));
  const line = (row: string[]) =>
    row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

const latencyRow = (name: string, s: LatencySummary, extra: (string | number)[] = []) => [
  name,
  s.count,
  s.p50,
  s.p95,
  s.p99,
  s.max,
  ...extra,
];

export function heading(text: string): string {
  return `\n${text}\n${'='.repeat(text.length)}`;
}

export function loadTable(rows: { name: string; report: LoadReport }[]): string {
  return table([
    ['', 'ok', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'req/s', 'errors'],
    ...rows.map(({ name, report }) => latencyRow(name, report.latencyMs, [report.throughputRps, report.errors])),
  ]);
}

export function labelTable(report: LoadReport): string {
  return table([
    ['query kind', 'ok', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
    ...Object.entries(report.byLabel).map(([label, s]) => latencyRow(label, s)),
  ]);
}

/** CPU ms per request or per practice, by process, with the processes found in any row as columns. */
export function cpuTable(unit: string, rows: { name: string; cpu: Record<string, number> }[]): string {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r.cpu)))];
  return table([
    ['', ...names.map((n) => `${n} ${unit}`)],
    ...rows.map((r) => [r.name, ...names.map((n) => r.cpu[n] ?? '-')]),
  ]);
}

export function plainTable(header: string[], rows: (string | number)[][]): string {
  return table([header, ...rows]);
}

export function targetsTable(targets: Target[]): string {
  return table([
    ['target', 'limit', 'measured', 'result'],
    ...targets.map((t) => [t.name, t.limit, t.measured, t.pass ? 'PASS' : 'FAIL']),
  ]);
}

/** `bench/results/<timestamp>.json`; the folder is git-ignored. */
export function writeResults(results: unknown, startedAt: Date): string {
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
