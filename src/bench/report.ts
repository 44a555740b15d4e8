import { BenchSettings, Comparison, LatencyComparison, ThroughputComparison } from './benchmark';

export interface BenchmarkResult {
  benchmark: string;
  comparisons: Comparison[];
}

/** Subject throughput over baseline throughput: 1 is as fast as the baseline, 0.5 half as fast. */
const throughputRatio = (comparison: ThroughputComparison) => comparison.subjectPerSecond / comparison.baselinePerSecond;

/**
 * Subject latency over the baseline's median, for the subject's median and its tail alike: 1 takes as
 * long as the baseline, 3 three times as long. The baseline's own p99 is shown, but is no yardstick: a
 * few hundred samples of a fast request put one GC pause at its p99.
 */
const latencyRatios = ({ subject, baseline }: LatencyComparison) => ({ p50: subject.p50 / baseline.p50, p99: subject.p99 / baseline.p50 });

const perSecond = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number) => (value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US'));
const times = (value: number) => value.toFixed(2);

/** Text columns (the first `textColumns`) align left, figures right, so that magnitudes line up. */
const render = (header: string[], rows: string[][], textColumns: number): string => {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const pad = (cell: string, column: number) => (column < textColumns ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!));
  const line = (cells: string[]) => cells.map(pad).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
};

const all = <Kind extends Comparison['kind']>(results: BenchmarkResult[], kind: Kind) =>
  results.flatMap(({ benchmark, comparisons }) =>
    comparisons
      .filter((comparison): comparison is Extract<Comparison, { kind: Kind }> => comparison.kind === kind)
      .map((comparison) => ({ benchmark, comparison })),
  );

const throughputTable = (results: BenchmarkResult[]): string | undefined => {
  const rows = all(results, 'throughput').map(({ benchmark, comparison }) => [
    benchmark,
    comparison.figure,
    comparison.against,
    perSecond(comparison.subjectPerSecond),
    perSecond(comparison.baselinePerSecond),
    throughputRatio(comparison).toFixed(2),
  ]);
  if (rows.length === 0) return undefined;
  return [
    'Throughput (events/s); ratio = subject / baseline: 1 is as fast as the baseline, 0.5 half as fast',
    render(['benchmark', 'figure', 'baseline', 'subject events/s', 'baseline events/s', 'ratio'], rows, 3),
  ].join('\n');
};

const latencyTable = (results: BenchmarkResult[]): string | undefined => {
  const rows = all(results, 'latency').map(({ benchmark, comparison }) => {
    const ratios = latencyRatios(comparison);
    return [
      benchmark,
      comparison.figure,
      comparison.against,
      String(comparison.subject.samples),
      ms(comparison.subject.p50),
      ms(comparison.subject.p99),
      ms(comparison.baseline.p50),
      ms(comparison.baseline.p99),
      times(ratios.p50),
      times(ratios.p99),
    ];
  });
  if (rows.length === 0) return undefined;
  return [
    'Latency (ms, over HTTP on 127.0.0.1); ratios = subject p50 or p99 / baseline p50: 1 takes as long as the baseline, 3 three times as long',
    render(['benchmark', 'figure', 'baseline', 'n', 'p50', 'p99', 'base p50', 'base p99', 'p50 ratio', 'p99 ratio'], rows, 3),
  ].join('\n');
};

export const table = (results: BenchmarkResult[]): string =>
  [throughputTable(results), latencyTable(results)].filter((section) => section !== undefined).join('\n\n');

const round3 = (value: number) => Number(value.toFixed(3));

/** One machine-readable line, for CI to keep and compare across runs. */
export const jsonLine = (settings: BenchSettings, results: BenchmarkResult[]): string =>
  JSON.stringify({
    events: settings.events,
    seedScale: settings.seedScale,
    results: results.flatMap(({ benchmark, comparisons }) =>
      comparisons.map((comparison) =>
        comparison.kind === 'throughput'
          ? {
              benchmark,
              figure: comparison.figure,
              against: comparison.against,
              unit: 'events/s',
              subject: Math.round(comparison.subjectPerSecond),
              baseline: Math.round(comparison.baselinePerSecond),
              ratio: round3(throughputRatio(comparison)),
            }
          : {
              benchmark,
              figure: comparison.figure,
              against: comparison.against,
              unit: 'ms',
              subject: { p50: round3(comparison.subject.p50), p99: round3(comparison.subject.p99), samples: comparison.subject.samples },
              baseline: { p50: round3(comparison.baseline.p50), p99: round3(comparison.baseline.p99), samples: comparison.baseline.samples },
              ratio: { p50: round3(latencyRatios(comparison).p50), p99: round3(latencyRatios(comparison).p99) },
            },
      ),
    ),
  });
