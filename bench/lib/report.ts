import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './desk-process';

export const OUT_DIR = path.join(ROOT, '.bench');
export const RESULTS_FILE = path.join(OUT_DIR, 'results.json');
export const DETAILS_FILE = path.join(OUT_DIR, 'details.md');

export type Figure = number | string | boolean | null;

export interface TableRow {
  part: string;
  measure: string;
  value: string;
  baseline: string;
  target: string;
  verdict: 'ok' | 'MISSED' | '';
}

// Results as flat keys (`intake.rps`), the table printed at the end and a details file
// (query plans, raw figures) beside them.
export class Report {
  readonly results: Record<string, Figure> = {};
  readonly rows: TableRow[] = [];
  private readonly details: string[] = [];

  constructor() {
    fs.mkdirSync(OUT_DIR, { recursive: true });
    fs.rmSync(RESULTS_FILE, { force: true });
  }

  set(key: string, value: Figure): void {
    this.results[key] = value;
  }

  row(row: Omit<TableRow, 'verdict'> & { pass?: boolean | null }): void {
    const { pass, ...rest } = row;
    this.rows.push({ ...rest, verdict: pass === undefined || pass === null ? '' : pass ? 'ok' : 'MISSED' });
  }

  detail(markdown: string): void {
    this.details.push(markdown);
  }

  // Written after every part, so a run cut short still leaves what it measured. Keys that
  // another bench wrote to the file (events.*) are kept.
  save(): void {
    let existing: Record<string, Figure> = {};
    try {
      existing = flatten(JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>);
    } catch {
      // first write
    }
    fs.writeFileSync(RESULTS_FILE, `${JSON.stringify({ ...existing, ...this.results }, null, 2)}\n`);
    fs.writeFileSync(DETAILS_FILE, `${this.details.join('\n\n')}\n`);
  }

  // What another process wrote to results.json (the events bench), merged in.
  absorb(prefix: string): Record<string, Figure> {
    try {
      const found = Object.entries(flatten(JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>)).filter(([key]) => key.startsWith(prefix));
      for (const [key, value] of found) this.results[key] = value;
      return Object.fromEntries(found);
    } catch {
      return {};
    }
  }

  table(): string {
    const header: TableRow = { part: 'part', measure: 'measure', value: 'value', baseline: 'baseline / beside', target: 'target', verdict: '' };
    const all = [header, ...this.rows];
    const keys = Object.keys(header) as Array<keyof TableRow>;
    const widths = keys.map((key) => Math.max(...all.map((row) => row[key].length)));
    const line = (row: TableRow) => `| ${keys.map((key, i) => row[key].padEnd(widths[i])).join(' | ')} |`;
    return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...this.rows.map(line)].join('\n');
  }
}

// `{ events: { sealPerSec: 1 } }` and `{ "events.sealPerSec": 1 }` read the same.
function flatten(value: Record<string, unknown>, prefix = ''): Record<string, Figure> {
  const flat: Record<string, Figure> = {};
  for (const [key, entry] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) Object.assign(flat, flatten(entry as Record<string, unknown>, name));
    else flat[name] = entry as Figure;
  }
  return flat;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export function fmt(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
