import { Comparison } from './benchmark';

export interface BenchmarkResult {
  benchmark: string;
  comparisons: Comparison[];
}

/** Subject throughput over baseline throughput: 1 is as fast as raw SQLite, 0.5 half as fast. */
const ratio = (comparison: Comparison) => comparison.subjectPerSecond / comparison.baselinePerSecond;

const perSecond = (value: number) => Math.round(value).toLocaleString('en-US');

export const table = (results: BenchmarkResult[]): string => {
  const header = ['benchmark', 'figure', 'subject events/s', 'raw SQLite events/s', 'ratio'];
  const rows = results.flatMap(({ benchmark, comparisons }) =>
    comparisons.map((comparison) => [
      benchmark,
      comparison.figure,
      perSecond(comparison.subjectPerSecond),
      perSecond(comparison.baselinePerSecond),
      ratio(comparison).toFixed(2),
    ]),
  );
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  // Text columns align left, figures right, so that magnitudes line up.
  const pad = (cell: string, column: number) =>
    column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!);
  const line = (cells: string[]) => cells.map(pad).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
};

/** One machine-readable line, for CI to keep and compare across runs. */
export const jsonLine = (events: number, results: BenchmarkResult[]): string =>
  JSON.stringify({
    events,
    results: results.flatMap(({ benchmark, comparisons }) =>
      comparisons.map((comparison) => ({
        benchmark,
        figure: comparison.figure,
        unit: 'events/s',
        subject: Math.round(comparison.subjectPerSecond),
        baseline: Math.round(comparison.baselinePerSecond),
        ratio: Number(ratio(comparison).toFixed(3)),
      })),
    ),
  });
