import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEditionView } from '../editions/editions.projection';
import { RecordedEvent } from '../event-store/event-store';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store';
import { loadSeedEdition, seedRegistrations } from '../seeds/load-seeds';
import { readNamePools, readSeedFacts } from '../seeds/seed-facts';
import { planSeedEdition, SeedPlan } from '../seeds/seed-plan';
import { recordReads } from '../timing/record-reads';
import { Benchmark, Comparison, timed } from './benchmark';

/**
 * A whole race day through the timing command: the 7th edition's seed (14,000 entrants, ~70,000 reads
 * from main and backup mats, resends included) sent to `recordReads` in the crew's batches of 500, as a
 * mat backlog arrives. The baseline appends the very events that produced, in the same order and one
 * per append as recordReads does, to a fresh store of the same kind holding the same registrations:
 * the ratio prices the command path itself (reading the entry stream, folding, deciding, per read).
 */

/** Share of the synthetic field: 1 is the whole race day. */
const SCALE_VARIABLE = 'BENCH_RACE_DAY_SCALE';
/** A small race day through both paths first, so that the JIT has compiled them before anything is timed. */
const WARM_UP_SCALE = 0.02;

const scaleFromEnvironment = (): number => {
  const text = process.env[SCALE_VARIABLE];
  if (text === undefined || text === '') return 1;
  const scale = Number(text);
  if (!(scale > 0 && scale <= 1)) throw new Error(`${SCALE_VARIABLE} must be above 0 and at most 1, not ${text}`);
  return scale;
};

const TIMING_CONTEXT = { actor: { id: 'bench', role: 'timing' as const }, correlationId: 'race-day-bench', now: '2018-04-22T12:00:00.000Z' };

const eventsOf = async (store: SqliteEventStore, range: { after?: number; upTo?: number }): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll(range.after === undefined ? {} : { after: range.after })) {
    if (range.upTo !== undefined && event.position > range.upTo) break;
    events.push(event);
  }
  return events;
};

/** The command path: the edition as the seed loads it up to the first read (not timed), then every read batch. */
const ingest = async (file: string, plan: SeedPlan) => {
  const store = new SqliteEventStore(file);
  try {
    await loadSeedEdition(store, { ...plan, readBatches: [] });
    const before = await store.headPosition();
    const edition = (await readEditionView(store, plan.editionId))!;
    const registrations = seedRegistrations(plan);
    let unexpected = 0;
    const seconds = await timed(async () => {
      for (const batch of plan.readBatches) {
        const { outcomes } = await recordReads(store, edition, registrations, batch.reads, TIMING_CONTEXT);
        unexpected += outcomes.filter((outcome) => outcome.status !== 'accepted' && outcome.status !== 'duplicate').length;
      }
    });
    if (unexpected > 0) throw new Error(`${unexpected} seed reads were not accepted as crossings or resends`);
    return { seconds, before: await eventsOf(store, { upTo: before }), produced: await eventsOf(store, { after: before }) };
  } finally {
    await store.close();
  }
};

/** The baseline: the same registrations copied in (not timed), then the produced events appended one by one at their revision. */
const appendDirectly = async (file: string, before: RecordedEvent[], produced: RecordedEvent[]): Promise<number> => {
  const store = new SqliteEventStore(file);
  const asNew = ({ id, type, data, metadata }: RecordedEvent) => ({ id, type, data, metadata });
  try {
    for (const event of before) await store.appendToStream(event.streamId, [asNew(event)]);
    return await timed(async () => {
      for (const event of produced) {
        await store.appendToStream(event.streamId, [asNew(event)], { expectedRevision: event.revision === 0 ? 'no_stream' : event.revision - 1 });
      }
    });
  } finally {
    await store.close();
  }
};

const raceDay = async (directory: string, name: string, scale: number): Promise<Comparison> => {
  const plan = planSeedEdition(readSeedFacts('almaty-2018'), readNamePools(), { scale });
  const reads = plan.readBatches.reduce((sum, batch) => sum + batch.reads.length, 0);
  const { seconds, before, produced } = await ingest(join(directory, `${name}-command.sqlite`), plan);
  const baselineSeconds = await appendDirectly(join(directory, `${name}-append.sqlite`), before, produced);
  const readsPerSecond = Math.round(reads / seconds).toLocaleString('en-US');
  return {
    kind: 'throughput',
    figure: `${reads.toLocaleString('en-US')} reads (${readsPerSecond}/s) -> ${produced.length.toLocaleString('en-US')} events through recordReads`,
    against: 'the same events appended to the store',
    subjectPerSecond: produced.length / seconds,
    baselinePerSecond: produced.length / baselineSeconds,
  };
};

const run = async (): Promise<Comparison[]> => {
  const directory = mkdtempSync(join(tmpdir(), 'race-day-bench-'));
  try {
    await raceDay(directory, 'warm-up', WARM_UP_SCALE);
    return [await raceDay(directory, 'race-day', scaleFromEnvironment())];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
};

export const raceDayBenchmark: Benchmark = { name: 'race day', run };
