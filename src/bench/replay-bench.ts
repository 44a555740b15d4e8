import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, matchesFilter } from '../event-store/event-store';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store';
import { foldLog } from '../projections/fold-log';
import { readModels } from '../projections/read-models';
import { SEED_EDITIONS } from '../seeds/seed-facts';
import { Benchmark, BenchSettings, Comparison, note, timed } from './benchmark';
import { loadSeededDataDir } from './seeded-app';

/**
 * A full replay of both seed editions (almaty-2017 then almaty-2018, as `npm run seed` loads them): the
 * whole log folded from zero through every read model the API serves, in one pass applying each to each
 * event as the projection runner does. The baseline is `store.readAll()` over the same log, every event
 * read and parsed and nothing folded: the ratio is the share of a replay's time that is reading the log.
 * One row per read model (foldLog of it alone) says where the folding time goes.
 */

const NAME = 'replay';
/** Replays are cheap to repeat, so the best of a few rounds stands for each side, after an untimed one. */
const ROUNDS = 3;

/** Every event of the log, read and nothing more. */
const readLog = async (store: EventStore): Promise<number> => {
  let events = 0;
  for await (const _ of store.readAll()) events++;
  return events;
};

/** Every read model over every event, in one pass: the runner's catch-up from zero, without its snapshots. */
const foldEveryModel = async (store: EventStore): Promise<number> => {
  const slots = readModels.map((projection) => ({ projection, state: projection.initialState() }));
  let events = 0;
  for await (const event of store.readAll()) {
    for (const slot of slots) {
      if (matchesFilter(event, slot.projection.filter)) slot.state = slot.projection.evolve(slot.state, event);
    }
    events++;
  }
  return events;
};

interface Pass {
  run: (store: EventStore) => Promise<number>;
  /** Events per second of its fastest timed round. */
  best: number;
}

/**
 * Every pass once per round, round after round: all of them see the same JIT state, page cache and
 * machine load, not the baseline a cold process and the last fold a hot one. Round 0 warms up and is
 * not counted; then the best of the rounds stands for each pass. Each must cover the whole log.
 */
const measure = async (store: EventStore, expected: number, passes: Pass[]): Promise<void> => {
  for (let round = 0; round <= ROUNDS; round++) {
    for (const pass of passes) {
      let events = 0;
      const seconds = await timed(async () => (events = await pass.run(store)));
      if (events !== expected) throw new Error(`a pass saw ${events} events of ${expected}`);
      if (round > 0) pass.best = Math.max(pass.best, events / seconds);
    }
  }
};

const run = async ({ seedScale }: BenchSettings): Promise<Comparison[]> => {
  const directory = mkdtempSync(join(tmpdir(), 'race-bench-replay-'));
  try {
    await loadSeededDataDir(NAME, directory, { editions: SEED_EDITIONS, scale: seedScale, reads: true });
    const store = new SqliteEventStore(join(directory, 'events.sqlite'));
    try {
      const events = await readLog(store);
      note(NAME, `replaying ${events.toLocaleString('en-US')} events`);
      const raw: Pass = { run: readLog, best: 0 };
      const all: Pass = { run: foldEveryModel, best: 0 };
      const alone = readModels.map((projection) => ({
        projection,
        pass: {
          run: async (from: EventStore) => {
            let folded = 0;
            await foldLog(from, projection, { onEvent: () => folded++ });
            return folded;
          },
          best: 0,
        },
      }));
      await measure(store, events, [raw, all, ...alone.map(({ pass }) => pass)]);
      const against = 'store.readAll(), no fold';
      const comparisons: Comparison[] = [
        {
          kind: 'throughput',
          figure: `${SEED_EDITIONS.join(' + ')}: ${events.toLocaleString('en-US')} events through all ${readModels.length} read models`,
          against,
          subjectPerSecond: all.best,
          baselinePerSecond: raw.best,
        },
        ...alone.map(({ projection, pass }): Comparison => ({
          kind: 'throughput',
          figure: `  foldLog of ${projection.name} alone`,
          against,
          subjectPerSecond: pass.best,
          baselinePerSecond: raw.best,
        })),
      ];
      return comparisons;
    } finally {
      await store.close();
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
};

export const replayBenchmark: Benchmark = { name: NAME, run };
