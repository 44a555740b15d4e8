import { randomUUID } from 'node:crypto';
import { EventStore, RecordedEvent } from '../../src/event-store/event-store';
import { EsdbEventStore } from '../../src/event-store/esdb/esdb-event-store';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { EsdbTestServer } from '../esdb-server/esdb-test-server';
import { editionsProjection } from '../../src/editions/editions.projection';
import { registrationsProjection } from '../../src/registration/registrations.projection';
import { IncomingRead, recordReads, warmTiming } from '../../src/timing/record-reads';
import { editionPlanned, GUN, raceStarted, runnerRegistered, tenKAdded } from '../results/results-fixtures';

/** Counts the events the command path reads back from the store: on a real server each is network and CPU. */
const countingReads = (store: EventStore) => {
  let eventsRead = 0;
  const counted: EventStore = Object.create(store);
  counted.readStream = async (streamId, options) => {
    const events = await store.readStream(streamId, options);
    eventsRead += events.length;
    return events;
  };
  return { counted, eventsRead: () => eventsRead };
};

const metadata = { actor: { id: 'timing#test', role: 'timing' as const }, correlationId: 'cost', occurredAt: GUN, schemaVersion: 1 };

/**
 * A race day's batches (every runner crosses the next mat, one read in five a chip nobody registered)
 * through the command path: events read back per read, and ms per read.
 */
const raceDayBatches = async (store: EventStore): Promise<{ perRead: number[]; msPerRead: number }> => {
  const setup = [editionPlanned(), tenKAdded(), raceStarted('10k'), ...Array.from({ length: 400 }, (_, n) => runnerRegistered(String(n + 1)))];
  for (const event of setup) {
    const bib = (event.data as { bib?: string }).bib;
    await store.appendToStream(bib ? `entry-almaty-2018-${bib}` : 'edition-almaty-2018', [{ id: randomUUID(), type: event.type, data: event.data, metadata }]);
  }
  const log: RecordedEvent[] = [];
  for await (const event of store.readAll()) log.push(event);
  const edition = log.reduce(editionsProjection.evolve, editionsProjection.initialState())['almaty-2018']!;
  const registrations = log.reduce(registrationsProjection.evolve, registrationsProjection.initialState())['almaty-2018'];
  const { counted, eventsRead } = countingReads(store);
  const warm = warmTiming();
  const context = { actor: metadata.actor, correlationId: 'cost', now: GUN };
  const perRead: number[] = [];
  const started = performance.now();
  let sent = 0;
  for (const [index, pointId] of ['start', '5k', 'finish'].entries()) {
    const reads: IncomingRead[] = Array.from({ length: 500 }, (_, n) => ({
      readId: `${pointId}-${n}`,
      chipId: n % 5 === 0 ? `STRANGER${index}-${n}` : `C${(n % 400) + 1}`,
      pointId,
      time: new Date(Date.parse(GUN) + (index * 20 + 1) * 60_000 + n * 100).toISOString(),
    }));
    const before = eventsRead();
    await recordReads(counted, edition, registrations, reads, context, warm);
    perRead.push((eventsRead() - before) / reads.length);
    sent += reads.length;
  }
  return { perRead, msPerRead: (performance.now() - started) / sent };
};

describe('what a timing batch reads back from the store', () => {
  let server: EsdbTestServer;
  beforeAll(async () => {
    server = new EsdbTestServer();
    await server.start();
  });
  afterAll(() => server.stop());

  it('stays the same per read however many reads and unmatched reads the day holds, on SQLite and on EventStoreDB', async () => {
    const sqlite = new SqliteEventStore(':memory:');
    const esdb = new EsdbEventStore(server.connectionString);
    try {
      const embedded = await raceDayBatches(sqlite);
      const remote = await raceDayBatches(esdb);
      for (const { perRead } of [embedded, remote]) {
        // Warm states read only what each stream gained since: its own last appends, never the whole day again.
        expect(Math.max(...perRead)).toBeLessThan(3);
        expect(perRead[2]!).toBeLessThanOrEqual(perRead[0]! + 0.5);
      }
      // A figure for docs/eventstoredb.md, not a verdict: round trips cost what the machine makes them cost.
      console.log(
        `timing batches: ${remote.msPerRead.toFixed(3)} ms per read over the EventStoreDB wire protocol, ${embedded.msPerRead.toFixed(3)} on SQLite (ratio ${(remote.msPerRead / embedded.msPerRead).toFixed(1)}); events read back per read ${remote.perRead.map((n) => n.toFixed(2)).join(', ')}`,
      );
    } finally {
      await sqlite.close();
      await esdb.close();
    }
  });
});
