import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NewEvent, streamName } from '../event-store/event-store';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store';
import { Benchmark, BenchSettings, Comparison, timed } from './benchmark';

/**
 * The embedded event store against raw better-sqlite3 doing the same inserts and selects: the ratio
 * prices what the store adds (revision check, idempotence lookup, unique keys, paging, object mapping).
 */

/** Timing ingest: a mat's reads one by one as they arrive, or a timing box's buffer flushed at once. */
const EVENTS_PER_APPEND = [1, 100];
const ENTRY_STREAMS = 500;
/** Enough appends for the JIT to have compiled both paths before anything is timed. */
const WARM_UP_EVENTS = 2_000;
/** Reads are cheap to repeat, so the best of a few rounds stands for each side. */
const READ_ROUNDS = 3;

interface Append {
  streamId: string;
  events: NewEvent[];
}

/** A plain table with the store's columns and no constraint beyond the rowid. */
const RAW_SCHEMA = `
  CREATE TABLE events (
    position INTEGER PRIMARY KEY, event_id TEXT NOT NULL, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
    type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL
  )
`;

const chipReads = (count: number): NewEvent[] =>
  Array.from({ length: count }, (_, read) => ({
    id: randomUUID(),
    type: 'ChipRead',
    data: { chip: `chip-${read % 5_000}`, timingPoint: 'km21', chipTime: 4_500_000 + read * 37, antenna: read % 4 },
    metadata: {
      actor: { id: 'timing-box-3', role: 'timekeeper' },
      correlationId: `ingest-${Math.floor(read / 100)}`,
      occurredAt: new Date(Date.UTC(2018, 3, 22, 4, 15) + read * 37).toISOString(),
      schemaVersion: 1,
    },
  }));

const appendsOf = (events: NewEvent[], eventsPerAppend: number): Append[] =>
  Array.from({ length: Math.ceil(events.length / eventsPerAppend) }, (_, append) => ({
    streamId: streamName('entry', String(append % ENTRY_STREAMS)),
    events: events.slice(append * eventsPerAppend, (append + 1) * eventsPerAppend),
  }));

const openRaw = (file: string): Database.Database => {
  const db = new Database(file);
  // The store's own settings, so that the ratio measures the store rather than a durability trade-off.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
};

/** Appends as a command handler does: at the revision it last saw, so every append is checked. */
const appendToStore = async (file: string, appends: Append[]): Promise<number> => {
  const store = new SqliteEventStore(file);
  const revisions = new Map<string, number>();
  try {
    return await timed(async () => {
      for (const { streamId, events } of appends) {
        const expectedRevision = revisions.get(streamId) ?? 'no_stream';
        const { nextExpectedRevision } = await store.appendToStream(streamId, events, { expectedRevision });
        revisions.set(streamId, nextExpectedRevision);
      }
    });
  } finally {
    await store.close();
  }
};

const appendRaw = async (file: string, appends: Append[]): Promise<number> => {
  const db = openRaw(file);
  try {
    db.exec(RAW_SCHEMA);
    const insert = db.prepare(
      `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const revisions = new Map<string, number>();
    const appendOne = db.transaction(({ streamId, events }: Append) => {
      const recordedAt = new Date().toISOString();
      let revision = revisions.get(streamId) ?? -1;
      for (const event of events) {
        revision++;
        const data = JSON.stringify(event.data);
        insert.run(event.id, streamId, revision, event.type, data, JSON.stringify(event.metadata), recordedAt);
      }
      revisions.set(streamId, revision);
    });
    return await timed(() => appends.forEach((append) => appendOne.immediate(append)));
  } finally {
    db.close();
  }
};

/** A whole-log read: how many events it saw, and how long it took. */
interface Read {
  events: number;
  seconds: number;
}

const readAllFromStore = async (file: string): Promise<Read> => {
  const store = new SqliteEventStore(file);
  try {
    let events = 0;
    const seconds = await timed(async () => {
      for await (const _ of store.readAll()) events++;
    });
    return { events, seconds };
  } finally {
    await store.close();
  }
};

const selectRaw = async (file: string): Promise<Read> => {
  const db = new Database(file, { readonly: true });
  try {
    let events = 0;
    const seconds = await timed(() => {
      // Iterated rather than fetched at once, as the store pages: the faster of the two raw ways.
      const rows = db.prepare<[], { data: string; metadata: string }>('SELECT * FROM events ORDER BY position');
      for (const row of rows.iterate()) {
        JSON.parse(row.data);
        JSON.parse(row.metadata);
        events++;
      }
    });
    return { events, seconds };
  } finally {
    db.close();
  }
};

/** Events per second of a read, once it is known to have read the whole log: neither side may read less. */
const readRate = (read: (file: string) => Promise<Read>, file: string, expected: number) => async () => {
  const { events, seconds } = await read(file);
  if (events !== expected) throw new Error(`read ${events} events of ${expected}`);
  return events / seconds;
};

const best = async (rounds: number, measure: () => Promise<number>): Promise<number> => {
  let fastest = 0;
  for (let round = 0; round < rounds; round++) fastest = Math.max(fastest, await measure());
  return fastest;
};

const run = async ({ events: count }: BenchSettings): Promise<Comparison[]> => {
  const directory = mkdtempSync(join(tmpdir(), 'race-bench-'));
  const file = (name: string) => join(directory, `${name}.sqlite`);
  try {
    const events = chipReads(count);
    const warmUp = appendsOf(chipReads(WARM_UP_EVENTS), 10);
    await appendToStore(file('warm-up-store'), warmUp);
    await appendRaw(file('warm-up-raw'), warmUp);

    const comparisons: Comparison[] = [];
    for (const eventsPerAppend of EVENTS_PER_APPEND) {
      const appends = appendsOf(events, eventsPerAppend);
      const storeSeconds = await appendToStore(file(`store-${eventsPerAppend}`), appends);
      const rawSeconds = await appendRaw(file(`raw-${eventsPerAppend}`), appends);
      comparisons.push({
        kind: 'throughput',
        figure: `append, ${eventsPerAppend} event${eventsPerAppend === 1 ? '' : 's'} per append`,
        against: 'raw better-sqlite3 inserts',
        subjectPerSecond: count / storeSeconds,
        baselinePerSecond: count / rawSeconds,
      });
    }

    // Both read the very same rows: the log the store wrote one event per append.
    const log = file(`store-${EVENTS_PER_APPEND[0]}`);
    comparisons.push({
      kind: 'throughput',
      figure: 'readAll, whole log',
      against: 'raw better-sqlite3 select',
      subjectPerSecond: await best(READ_ROUNDS, readRate(readAllFromStore, log, count)),
      baselinePerSecond: await best(READ_ROUNDS, readRate(selectRaw, log, count)),
    });
    return comparisons;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
};

export const eventStoreBenchmark: Benchmark = { name: 'event store', run };
