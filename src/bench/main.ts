import { Benchmark, BenchSettings } from './benchmark';
import { eventStoreBenchmark } from './event-store-bench';
import { raceDayBenchmark } from './race-day-bench';
import { BenchmarkResult, jsonLine, table } from './report';

const BENCHMARKS: Benchmark[] = [eventStoreBenchmark, raceDayBenchmark];

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

const settingsFromEnvironment = (): BenchSettings => {
  const configured = process.env.BENCH_EVENTS;
  if (configured === undefined || configured === '') return { events: DEFAULT_EVENTS };
  const events = Number(configured);
  if (!Number.isSafeInteger(events) || events < 100) {
    throw new Error(`BENCH_EVENTS must be an integer of at least 100, not ${configured}`);
  }
  return { events };
};

const main = async () => {
  const settings = settingsFromEnvironment();
  const results: BenchmarkResult[] = [];
  // One after another: benchmarks sharing the machine would measure each other.
  for (const benchmark of selectedBenchmarks()) {
    results.push({ benchmark: benchmark.name, comparisons: await benchmark.run(settings) });
  }
  console.log(`\n${settings.events.toLocaleString('en-US')} events per figure\n`);
  console.log(table(results));
  console.log();
  console.log(jsonLine(settings.events, results));
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
