import { Benchmark, BenchSettings } from './benchmark';
import { eventStoreBenchmark } from './event-store-bench';
import { raceDayBenchmark } from './race-day-bench';
import { readDuringBatchBenchmark } from './read-during-batch-bench';
import { replayBenchmark } from './replay-bench';
import { BenchmarkResult, jsonLine, table } from './report';
import { resultsPageBenchmark } from './results-page-bench';

const BENCHMARKS: Benchmark[] = [eventStoreBenchmark, raceDayBenchmark, resultsPageBenchmark, readDuringBatchBenchmark, replayBenchmark];

/** `BENCH_ONLY=race-day` (comma-separated, a name's spaces written as hyphens) runs only those benchmarks. */
const selectedBenchmarks = (): Benchmark[] => {
  const only = process.env.BENCH_ONLY;
  if (only === undefined || only === '') return BENCHMARKS;
  const wanted = only.split(',').map((name) => name.trim());
  const selected = BENCHMARKS.filter((benchmark) => wanted.includes(benchmark.name.replace(/ /g, '-')));
  if (selected.length !== wanted.length) {
    throw new Error(`BENCH_ONLY=${only}: the benchmarks are ${BENCHMARKS.map((b) => b.name.replace(/ /g, '-')).join(', ')}`);
  }
  return selected;
};

const DEFAULT_EVENTS = 50_000;

const eventsFromEnvironment = (): number => {
  const configured = process.env.BENCH_EVENTS;
  if (configured === undefined || configured === '') return DEFAULT_EVENTS;
  const events = Number(configured);
  if (!Number.isSafeInteger(events) || events < 100) {
    throw new Error(`BENCH_EVENTS must be an integer of at least 100, not ${configured}`);
  }
  return events;
};

/** The seed-based benchmarks (results page, read during batch, replay) load the race day at this share. */
const seedScaleFromEnvironment = (): number => {
  const configured = process.env.BENCH_SEED_SCALE;
  if (configured === undefined || configured === '') return 1;
  const scale = Number(configured);
  if (!(scale > 0 && scale <= 1)) throw new Error(`BENCH_SEED_SCALE must be above 0 and at most 1, not ${configured}`);
  return scale;
};

const settingsFromEnvironment = (): BenchSettings => ({ events: eventsFromEnvironment(), seedScale: seedScaleFromEnvironment() });

const main = async () => {
  const settings = settingsFromEnvironment();
  const benchmarks = selectedBenchmarks();
  const results: BenchmarkResult[] = [];
  // One after another: benchmarks sharing the machine would measure each other.
  for (const benchmark of benchmarks) {
    results.push({ benchmark: benchmark.name, comparisons: await benchmark.run(settings) });
  }
  console.log(`\n${settings.events.toLocaleString('en-US')} events per event-store figure; seed scale ${settings.seedScale}\n`);
  console.log(table(results));
  console.log();
  console.log(jsonLine(settings, results));
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
