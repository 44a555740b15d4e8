/** What every benchmark module offers main.ts, so that adding one is adding it to main's list. */
export interface Benchmark {
  name: string;
  run(settings: BenchSettings): Promise<Comparison[]>;
}

export interface BenchSettings {
  /** How many events each figure is measured over. */
  events: number;
}

/**
 * One figure, measured against a raw better-sqlite3 baseline doing the same work in the same run:
 * absolute throughput depends on the machine, the ratio much less.
 */
export interface Comparison {
  figure: string;
  subjectPerSecond: number;
  baselinePerSecond: number;
}

/** Seconds the work takes, wall clock. */
export const timed = async (work: () => unknown): Promise<number> => {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
};
