/** What every benchmark module offers main.ts, so that adding one is adding it to main's list. */
export interface Benchmark {
  name: string;
  run(settings: BenchSettings): Promise<Comparison[]>;
}

export interface BenchSettings {
  /** How many events each figure is measured over. */
  events: number;
  /** Share of the synthetic race day the seed-based benchmarks load (BENCH_SEED_SCALE): 1 is the whole day. */
  seedScale: number;
}

/**
 * One throughput figure, measured against a baseline doing the same work in the same run (raw
 * better-sqlite3, plain store appends, a plain read of the log): absolute throughput depends on the
 * machine, the ratio much less.
 */
export interface ThroughputComparison {
  kind: 'throughput';
  figure: string;
  /** What the baseline is, in a few words. */
  against: string;
  subjectPerSecond: number;
  baselinePerSecond: number;
}

/** Latencies of one kind of request, in milliseconds. */
export interface LatencySummary {
  p50: number;
  p99: number;
  samples: number;
}

/**
 * One latency figure, measured against a baseline request timed in the same run, through the same
 * client, server and loopback: the ratio divides out the machine and the HTTP stack.
 */
export interface LatencyComparison {
  kind: 'latency';
  figure: string;
  against: string;
  subject: LatencySummary;
  baseline: LatencySummary;
}

export type Comparison = ThroughputComparison | LatencyComparison;

/** Seconds the work takes, wall clock. */
export const timed = async (work: () => unknown): Promise<number> => {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
};

/** Nearest-rank percentiles of latencies in ms: p99 of 500 samples is the 495th fastest. */
export const latencySummary = (milliseconds: number[]): LatencySummary => {
  if (milliseconds.length === 0) throw new Error('no latencies to summarise');
  const sorted = [...milliseconds].sort((a, b) => a - b);
  const percentile = (share: number) => sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)]!;
  return { p50: percentile(0.5), p99: percentile(0.99), samples: sorted.length };
};

/** Progress on stderr, so that a run of minutes is not silent and stdout keeps only the results. */
export const note = (benchmark: string, message: string): void => {
  process.stderr.write(`[${benchmark}] ${message}\n`);
};
