// Medians and the printed table of the benchmarks: figures, then ratios against the same operation
// without encryption and against the raw platform (plain IndexedDB, one Web Crypto call).

export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export interface Measured {
  label: string;
  samples: number[];
  /** The same operation without encryption, for the "vs plain" ratio. */
  plain?: number[];
  /** The raw platform doing the nearest thing, for the "vs raw" ratio. */
  raw?: number[];
}

export interface Section {
  title: string;
  rows: Measured[];
}

function ms(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function ratio(value: number, against: readonly number[] | undefined): string {
  if (!against) return '';
  const base = median(against);
  if (base <= 0) return 'n/a';
  const r = value / base;
  return `×${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2)}`;
}

/** A fixed-width table, one section per operation: median, min–max, runs, and both ratios. */
export function formatTable(heading: string, sections: readonly Section[]): string {
  const header = ['', 'median ms', 'min–max ms', 'runs', 'vs plain', 'vs raw'];
  const lines: string[][] = [];
  for (const section of sections) {
    lines.push([section.title, '', '', '', '', '']);
    for (const row of section.rows) {
      const m = median(row.samples);
      lines.push([
        `  ${row.label}`,
        ms(m),
        `${ms(Math.min(...row.samples))}–${ms(Math.max(...row.samples))}`,
        String(row.samples.length),
        ratio(m, row.plain),
        ratio(m, row.raw),
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const rule = '-'.repeat(widths.reduce((sum, w) => sum + w + 2, -2));
  return [heading, rule, format(header), rule, ...lines.map(format), rule].join('\n');
}
