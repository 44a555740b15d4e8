import { SqliteError } from 'better-sqlite3';
import { ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ExpectedRevision,
  RecordedEvent,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '../../src/event-store/event-store';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import type { AppenderReport } from './fixtures/crashing-appender';
import type { RacerCommand, RacerReport } from './fixtures/append-racer';
import { newEvent } from './fixtures/new-event';

/**
 * What the shared contract cannot show for the embedded store: that its guarantees hold across
 * processes sharing one file, through a crash, and across a reopen.
 */

const fixture = (name: string) => join(__dirname, 'fixtures', name);

/** Children run the TypeScript sources through a transpile-on-require hook: tests have no build. */
const forkFixture = (name: string, args: string[]): ChildProcess =>
  fork(fixture(name), args, {
    execArgv: ['-r', fixture('register-ts.js')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });

const nextMessage = async <Message>(child: ChildProcess): Promise<Message> => {
  // Aborting removes whichever listener lost the race, so a long-lived child does not collect them.
  const abort = new AbortController();
  const exited = once(child, 'exit', { signal: abort.signal }).then(() => {
    throw new Error(`child ${child.pid} exited before reporting`);
  });
  try {
    const [message] = await Promise.race([once(child, 'message', { signal: abort.signal }), exited]);
    return message as Message;
  } finally {
    abort.abort();
  }
};

const stop = async (child: ChildProcess, how: () => void) => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  how();
  await exited;
};

const groupBy = <Key, Value>(values: Value[], key: (value: Value) => Key): Map<Key, Value[]> => {
  const groups = new Map<Key, Value[]>();
  for (const value of values) {
    const group = groups.get(key(value));
    if (group) group.push(value);
    else groups.set(key(value), [value]);
  }
  return groups;
};

const readLog = async (store: SqliteEventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
};

let directory: string;
let file: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'store-durability-'));
  file = join(directory, 'events.sqlite');
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('appends racing on one stream from several processes', () => {
  const RACERS = 4;
  /** Long enough for every racer to have the message before the start. */
  const START_DELAY_MS = 20;
  let racers: ChildProcess[];
  let store: SqliteEventStore;

  beforeEach(async () => {
    // The parent creates the file first, so the racers contend on appends, not on creating the schema.
    store = new SqliteEventStore(file);
    racers = Array.from({ length: RACERS }, () => forkFixture('append-racer.ts', [file]));
    await Promise.all(racers.map((racer) => nextMessage<RacerReport>(racer)));
  });
  afterEach(async () => {
    await Promise.all(racers.map((racer) => stop(racer, () => racer.send({ stop: true } satisfies RacerCommand))));
    await store.close();
  });

  /** Releases every racer at the same instant; each reports whether its append won. */
  const race = async (streamId: string, expectedRevision: ExpectedRevision) => {
    const reports = racers.map((racer) => nextMessage<RacerReport>(racer));
    const startAt = performance.timeOrigin + performance.now() + START_DELAY_MS;
    const command: RacerCommand = { race: { streamId, expectedRevision, startAt } };
    racers.forEach((racer) => racer.send(command));
    const settled = await Promise.all(reports);
    return {
      won: settled.flatMap((report) => ('won' in report ? [report.won] : [])),
      lost: settled.flatMap((report) => ('lost' in report ? [report.lost] : [])),
    };
  };

  // One round may happen not to overlap; several make a real race all but certain.
  const ROUNDS = 10;

  it('at the same expected revision, exactly one process wins, round after round', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const streamId = `bib-${round}`;
      await store.appendToStream(streamId, [newEvent('BibAssigned')]);

      const { won, lost } = await race(streamId, 0);

      expect(won).toEqual([{ nextExpectedRevision: 1 }]);
      expect(lost).toEqual(Array(RACERS - 1).fill({ name: WrongExpectedVersionError.name, actual: 1 }));
      expect(await store.readStream(streamId)).toHaveLength(2);
    }
  });

  it('creating a stream with no_stream, exactly one process wins, round after round', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const streamId = `chip-${round}`;
      const { won, lost } = await race(streamId, 'no_stream');

      expect(won).toEqual([{ nextExpectedRevision: 0 }]);
      expect(lost).toEqual(Array(RACERS - 1).fill({ name: WrongExpectedVersionError.name, actual: 0 }));
      expect(await store.readStream(streamId)).toHaveLength(1);
    }
  });
});

describe('a process killed mid-append', () => {
  const BATCH_SIZE = 10;

  it('leaves only whole batches, and the reopened store accepts appends', async () => {
    const appender = forkFixture('crashing-appender.ts', [file, String(BATCH_SIZE)]);
    let committedBatches = (await nextMessage<AppenderReport>(appender)).committedBatches;
    appender.on('message', (report) => (committedBatches = (report as AppenderReport).committedBatches));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await stop(appender, () => appender.kill('SIGKILL'));
    expect(appender.signalCode).toBe('SIGKILL');

    const store = new SqliteEventStore(file);
    try {
      const log = await readLog(store);
      // Whatever the child reported as committed survived the crash.
      expect(log.length).toBeGreaterThanOrEqual(committedBatches * BATCH_SIZE);
      expect(log.length % BATCH_SIZE).toBe(0);

      const batches = groupBy(log, (event) => (event.data as { batch: number }).batch);
      for (const events of batches.values()) {
        const indices = events.map((event) => (event.data as { index: number }).index);
        expect(indices).toEqual([...Array(BATCH_SIZE).keys()]);
      }
      const streams = groupBy(log, (event) => event.streamId);
      for (const events of streams.values()) {
        expect(events.map((event) => event.revision)).toEqual([...events.keys()]);
      }

      const [streamId, events] = [...streams][0]!;
      await expect(
        store.appendToStream(streamId, [newEvent('ChipRead')], { expectedRevision: events.length - 1 }),
      ).resolves.toMatchObject({ nextExpectedRevision: events.length });
    } finally {
      await store.close();
    }
  });
});

describe('a batch that fails part-way in one process', () => {
  let store: SqliteEventStore;
  beforeEach(async () => {
    store = new SqliteEventStore(file);
    await store.appendToStream('entry-7', [newEvent('RunnerRegistered')]);
    await store.appendToStream('entry-8', [newEvent('RunnerRegistered', {}, 'id-held-by-entry-8')]);
  });
  afterEach(() => store.close());

  // Failures that strike after the first events of the batch are inserted, and one caught up front.
  it.each([
    [
      'data that cannot be serialised',
      () => [newEvent('A'), newEvent('B'), newEvent('C', { chipTime: 1n })],
      TypeError,
    ],
    [
      'an event id repeated within the batch',
      () => [newEvent('A', {}, 'twice'), newEvent('B'), newEvent('C', {}, 'twice')],
      SqliteError,
    ],
    [
      'an event id another stream holds',
      () => [newEvent('A'), newEvent('B'), newEvent('C', {}, 'id-held-by-entry-8')],
      WrongExpectedVersionError,
    ],
  ])('appends nothing of it: %s', async (_, batch, failure) => {
    const head = await store.headPosition();
    const failed = batch();

    // By name, not class: better-sqlite3's native addon binds SqliteError to the first copy of the module
    // loaded in the process, and jest gives every test file its own copy.
    await expect(store.appendToStream('entry-7', failed, { expectedRevision: 0 })).rejects.toMatchObject({ name: failure.name });
    await expect(store.appendToStream('entry-new', failed)).rejects.toMatchObject({ name: failure.name });

    expect(await store.headPosition()).toBe(head);
    expect(await store.readStream('entry-7')).toHaveLength(1);
    await expect(store.readStream('entry-new')).rejects.toBeInstanceOf(StreamNotFoundError);
    // The ids of the events that were inserted before the failure were rolled back too: they append anew.
    const [first, second] = failed;
    await expect(store.appendToStream('entry-7', [first!, second!], { expectedRevision: 0 })).resolves.toMatchObject({
      nextExpectedRevision: 2,
    });
  });
});

describe('closing and reopening the file', () => {
  it('keeps every event and the head position', async () => {
    const writer = new SqliteEventStore(file);
    await writer.appendToStream('edition-2018', [newEvent('EditionPlanned'), newEvent('RegistrationOpened')]);
    await writer.appendToStream('entry-1', [newEvent('RunnerRegistered', { bib: '1' })]);
    await writer.appendToStream('edition-2018', [newEvent('RaceStarted', { gun: '2018-04-22T03:00:00.000Z' })]);
    const written = await readLog(writer);
    const head = await writer.headPosition();
    await writer.close();

    const reader = new SqliteEventStore(file);
    try {
      expect(await readLog(reader)).toEqual(written);
      expect(await reader.headPosition()).toBe(head);
      await expect(
        reader.appendToStream('edition-2018', [newEvent('RaceFinished')], { expectedRevision: 2 }),
      ).resolves.toEqual({ nextExpectedRevision: 3, position: head + 1 });
    } finally {
      await reader.close();
    }
  });
});
