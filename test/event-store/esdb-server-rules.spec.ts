import { randomUUID } from 'node:crypto';
import { handleCommand } from '../../src/decider/handle-command';
import { Decider } from '../../src/decider/decider';
import { RuleViolationError, ConflictError } from '../../src/decider/domain-errors';
import { AppendTooLargeError, EventStoreAccessDeniedError, StreamTombstonedError } from '../../src/event-store/esdb/esdb-errors';
import { EsdbEventStore } from '../../src/event-store/esdb/esdb-event-store';
import { esdbSizeOnDisk } from '../../src/event-store/esdb/esdb-limits';
import { RecordedEvent, StreamNotFoundError } from '../../src/event-store/event-store';
import { EsdbTestServer, AppendRoute } from '../esdb-server/esdb-test-server';
import { newEvent } from './fixtures/new-event';

/**
 * The adapter against the rules of the EventStoreDB server itself, as the wire-level test server models
 * them (sources in docs/eventstoredb.md, "Rules modelled and their source"). Each test is named after the
 * server behaviour it models.
 */
const stream = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const context = { actor: { id: 'rules-test', role: 'organiser' as const }, correlationId: 'rules', now: '2018-04-22T03:00:00.000Z' };

/** A decider that appends one EditionPlanned per command with the payload it is given, and counts what it folded. */
const echo: Decider<{ folded: number }, { payload: string }, { type: 'EditionPlanned'; data: { payload: string } }> = {
  initialState: () => ({ folded: 0 }),
  evolve: (state) => ({ folded: state.folded + 1 }),
  decide: ({ payload }) => [{ type: 'EditionPlanned', data: { payload } }],
};

const startServer = async (options: ConstructorParameters<typeof EsdbTestServer>[0] = {}) => {
  const server = new EsdbTestServer(options);
  await server.start();
  return server;
};

describe.each<AppendRoute>(['batch-append', 'append'])('EventStoreDB rules over %s', (appendRoute) => {
  let server: EsdbTestServer;
  let store: EsdbEventStore;
  afterEach(async () => {
    await store?.close();
    if (server?.isRunning) await server.stop();
  });

  describe('MaxAppendSize (ClusterVNodeOptions.MaxAppendSize, counted as Event.SizeOnDisk)', () => {
    it('the node takes an append of exactly MaxAppendSize bytes and refuses one byte more, whole, as AppendTooLargeError (400)', async () => {
      const event = newEvent('A', { text: 'x'.repeat(500) });
      const size = esdbSizeOnDisk(event);
      server = await startServer({ appendRoute, maxAppendSize: 2 * size });
      store = new EsdbEventStore(server.connectionString);
      const s = stream('size');
      await store.appendToStream(s, [event, newEvent('A', { text: 'x'.repeat(500) })], { expectedRevision: 'no_stream' });
      const over = [newEvent('A', { text: 'x'.repeat(500) }), newEvent('A', { text: 'x'.repeat(501) })];
      const refused = store.appendToStream(s, over, { expectedRevision: 1 });
      await expect(refused).rejects.toBeInstanceOf(AppendTooLargeError);
      await expect(refused).rejects.toBeInstanceOf(RuleViolationError);
      await expect(refused).rejects.toThrow(`over EventStoreDB's maximum append size of ${2 * size} bytes`);
      expect(await store.readStream(s)).toHaveLength(2);
    });

    it('an over-size single command is refused with a clear error at the default 1 MiB and nothing is appended', async () => {
      server = await startServer({ appendRoute });
      store = new EsdbEventStore(server.connectionString);
      const s = stream('command');
      const command = handleCommand(store, s, echo, { payload: 'y'.repeat(1024 * 1024) }, context);
      await expect(command).rejects.toThrow(/the events of this command for .* are \d+ bytes, over EventStoreDB's maximum append size of 1048576 bytes/);
      await expect(store.readStream(s)).rejects.toBeInstanceOf(StreamNotFoundError);
    });
  });

  describe('the committed-events cache behind `any` (IndexWriter._committedEvents, in memory)', () => {
    it('a repeat with `any` is idempotent while the node runs, and written again after the node restarts', async () => {
      server = await startServer({ appendRoute });
      store = new EsdbEventStore(server.connectionString);
      const s = stream('any');
      const events = [newEvent('A'), newEvent('B')];
      await store.appendToStream(s, events);
      await store.appendToStream(s, events);
      expect(await store.readStream(s)).toHaveLength(2);
      await store.close();
      server.kill();
      await server.start();
      store = new EsdbEventStore(server.connectionString);
      await store.appendToStream(s, events);
      expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A', 'B', 'A', 'B']);
    });

    it('a repeat at an exact expected revision is idempotent across a restart (checked against the index)', async () => {
      server = await startServer({ appendRoute });
      store = new EsdbEventStore(server.connectionString);
      const s = stream('exact');
      const events = [newEvent('A'), newEvent('B')];
      await store.appendToStream(s, events, { expectedRevision: 'no_stream' });
      await store.close();
      server.kill();
      await server.start();
      store = new EsdbEventStore(server.connectionString);
      expect(await store.appendToStream(s, events, { expectedRevision: 'no_stream' })).toMatchObject({ nextExpectedRevision: 1 });
      expect(await store.readStream(s)).toHaveLength(2);
    });
  });

  describe('streams whose first readable revision is not 0 ($tb, soft delete) and tombstones', () => {
    it('a truncated stream ($tb) reads from its first kept revision; the command path appends after its last revision', async () => {
      server = await startServer({ appendRoute });
      store = new EsdbEventStore(server.connectionString);
      const s = stream('truncated');
      await store.appendToStream(s, [newEvent('EditionPlanned'), newEvent('EditionPlanned'), newEvent('EditionPlanned')]);
      server.log.truncateBefore(s, 2);
      expect((await store.readStream(s)).map((e) => e.revision)).toEqual([2]);
      const outcome = await handleCommand(store, s, echo, { payload: 'p' }, context);
      expect(outcome).toMatchObject({ revision: 3, state: { folded: 1 } });
      expect((await store.readStream(s)).map((e) => e.revision)).toEqual([2, 3]);
    });

    it('a soft-deleted stream reads as not found; the command path recreates it after its last revision', async () => {
      server = await startServer({ appendRoute });
      store = new EsdbEventStore(server.connectionString);
      const s = stream('soft');
      await store.appendToStream(s, [newEvent('EditionPlanned'), newEvent('EditionPlanned')]);
      server.log.softDelete(s);
      await expect(store.readStream(s)).rejects.toBeInstanceOf(StreamNotFoundError);
      const outcome = await handleCommand(store, s, echo, { payload: 'p' }, context);
      expect(outcome).toMatchObject({ revision: 2, state: { folded: 0 } });
      expect((await store.readStream(s)).map((e) => e.revision)).toEqual([2]);
    });

    it('a tombstoned stream answers StreamDeleted: the command path raises StreamTombstonedError (409), not a 500', async () => {
      server = await startServer({ appendRoute });
      store = new EsdbEventStore(server.connectionString);
      const s = stream('tombstoned');
      await store.appendToStream(s, [newEvent('EditionPlanned')]);
      server.log.tombstone(s);
      const command = handleCommand(store, s, echo, { payload: 'p' }, context);
      await expect(command).rejects.toBeInstanceOf(StreamTombstonedError);
      await expect(command).rejects.toBeInstanceOf(ConflictError);
      await expect(command).rejects.toThrow(`stream ${s} was permanently deleted (tombstoned)`);
      const append = store.appendToStream(s, [newEvent('EditionPlanned')], { expectedRevision: 0 });
      await expect(append).rejects.toBeInstanceOf(StreamTombstonedError);
    });
  });

  describe('the write timeout (WriteTimeoutMs; BatchAppend: min(deadline, write timeout))', () => {
    it('an append the node does not commit in time answers Timeout; it is sent again with the same ids at the same revision and written once', async () => {
      server = await startServer({ appendRoute, writeTimeoutMs: 150 });
      store = new EsdbEventStore(server.connectionString);
      const s = stream('timeout');
      await store.appendToStream(s, [newEvent('A')], { expectedRevision: 'no_stream' });
      server.delayCommits(300); // the first attempt times out and still lands 150 ms later
      const slow = store.appendToStream(s, [newEvent('B'), newEvent('C')], { expectedRevision: 0 });
      setTimeout(() => server.delayCommits(0), 200);
      expect(await slow).toMatchObject({ nextExpectedRevision: 2 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await store.readStream(s)).map((e) => [e.type, e.revision])).toEqual([
        ['A', 0],
        ['B', 1],
        ['C', 2],
      ]);
    });
  });

  describe('access control (23.10+: a secure node refuses anonymous access)', () => {
    it('AccessDenied is reported with what to fix, and ends a subscription instead of being retried', async () => {
      server = await startServer({ appendRoute, anonymousAccessDenied: true });
      store = new EsdbEventStore(server.connectionString);
      await expect(store.verifyAccess()).rejects.toBeInstanceOf(EventStoreAccessDeniedError);
      await expect(store.verifyAccess()).rejects.toThrow(/needs a user in \$admins or \$ops; put the credentials in EVENTSTORE_CONNECTION_STRING/);
      const subscription = store.subscribeToAll();
      const consumed = (async () => {
        for await (const _ of subscription) continue;
      })();
      await expect(consumed).rejects.toBeInstanceOf(EventStoreAccessDeniedError);
    });
  });

  describe('positions the node refuses (INVALID_ARGUMENT)', () => {
    it('a subscription from a position that is not a record boundary ends with the error, not retried', async () => {
      server = await startServer({ appendRoute });
      store = new EsdbEventStore(server.connectionString);
      await store.appendToStream(stream('p'), [newEvent('A')]);
      const subscription = store.subscribeToAll({ after: 97 });
      const consumed = (async () => {
        const seen: RecordedEvent[] = [];
        for await (const event of subscription) seen.push(event);
        return seen;
      })();
      await expect(consumed).rejects.toThrow(/not the start of a log record/);
    });
  });
});

