import { randomUUID } from 'node:crypto';
import {
  EventStore,
  NewEvent,
  RecordedEvent,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '../../src/event-store/event-store';

/**
 * The one contract every adapter honours: EventStoreDB's semantics as the port names them.
 * `connect` returns a fresh, empty store per test; streams are made unique per test all the same, so a
 * shared real server (EVENTSTORE_CONNECTION_STRING) does not leak state between tests.
 */
export const eventStoreContract = (connect: () => Promise<EventStore>) => {
  let store: EventStore;
  let run: string;

  beforeEach(async () => {
    store = await connect();
    run = randomUUID().slice(0, 8);
  });
  afterEach(async () => store.close());

  const stream = (name: string) => `${name}-${run}`;
  const event = (type: string, data: Record<string, unknown> = {}, id = randomUUID()): NewEvent => ({
    id,
    type,
    data,
    metadata: {
      actor: { id: 'contract-suite', role: 'organiser' },
      reason: 'contract test',
      correlationId: 'corr-1',
      causationId: 'cause-1',
      occurredAt: '2018-04-22T03:00:00.000Z',
      schemaVersion: 1,
    },
  });
  const collect = async (events: AsyncIterable<RecordedEvent>, runOnly = true) => {
    const all: RecordedEvent[] = [];
    for await (const e of events) if (!runOnly || e.streamId.endsWith(run)) all.push(e);
    return all;
  };
  const take = async (subscription: AsyncIterable<RecordedEvent>, count: number) => {
    const taken: RecordedEvent[] = [];
    for await (const e of subscription) {
      if (!e.streamId.endsWith(run)) continue;
      taken.push(e);
      if (taken.length === count) break;
    }
    return taken;
  };

  describe('a group of appends to several streams', () => {
    it('appends each at its own expected revision; a conflict fails that append alone, in its place', async () => {
      await store.appendToStream(stream('entry-1'), [event('A')]);
      const results = await store.appendToStreams([
        { streamId: stream('entry-1'), events: [event('B')], expectedRevision: 0 },
        { streamId: stream('entry-2'), events: [event('C'), event('D')], expectedRevision: 5 },
        { streamId: stream('entry-3'), events: [event('E')], expectedRevision: 'no_stream' },
      ]);
      expect(results[0]).toMatchObject({ nextExpectedRevision: 1 });
      expect(results[1]).toBeInstanceOf(WrongExpectedVersionError);
      expect(results[2]).toMatchObject({ nextExpectedRevision: 0 });
      expect((await store.readStream(stream('entry-1'))).map((e) => e.type)).toEqual(['A', 'B']);
      await expect(store.readStream(stream('entry-2'))).rejects.toBeInstanceOf(StreamNotFoundError);
      const logged = await collect(store.readAll());
      expect(logged.map((e) => e.type)).toEqual(['A', 'B', 'E']);
      expect(logged.map((e) => e.position)).toEqual([...logged.map((e) => e.position)].sort((a, b) => a - b));
    });
  });

  describe('append and read a stream', () => {
    it('appends to a new stream and reads the events back in order with data and metadata', async () => {
      const result = await store.appendToStream(stream('edition'), [event('A', { n: 1 }), event('B', { n: 2 })]);
      expect(result.nextExpectedRevision).toBe(1);
      const events = await store.readStream(stream('edition'));
      expect(events.map((e) => [e.type, e.revision, e.data])).toEqual([
        ['A', 0, { n: 1 }],
        ['B', 1, { n: 2 }],
      ]);
      expect(events[0]!.metadata).toEqual({
        actor: { id: 'contract-suite', role: 'organiser' },
        reason: 'contract test',
        correlationId: 'corr-1',
        causationId: 'cause-1',
        occurredAt: '2018-04-22T03:00:00.000Z',
        schemaVersion: 1,
      });
      expect(events[0]!.streamId).toBe(stream('edition'));
      expect(Number.isNaN(Date.parse(events[0]!.recordedAt))).toBe(false);
      expect(events[1]!.position).toBeGreaterThan(events[0]!.position);
      expect(result.position).toBe(events[1]!.position);
    });

    it('reads backwards and from a revision, with a maximum count', async () => {
      await store.appendToStream(stream('entry'), [event('A'), event('B'), event('C'), event('D')]);
      const backwards = await store.readStream(stream('entry'), { direction: 'backwards', maxCount: 2 });
      expect(backwards.map((e) => e.type)).toEqual(['D', 'C']);
      const fromTwo = await store.readStream(stream('entry'), { fromRevision: 2 });
      expect(fromTwo.map((e) => e.type)).toEqual(['C', 'D']);
      const backFromOne = await store.readStream(stream('entry'), { direction: 'backwards', fromRevision: 1 });
      expect(backFromOne.map((e) => e.type)).toEqual(['B', 'A']);
    });

    it('raises StreamNotFoundError for a stream with no events', async () => {
      await expect(store.readStream(stream('nothing'))).rejects.toBeInstanceOf(StreamNotFoundError);
    });
  });

  describe('optimistic concurrency', () => {
    it('no_stream succeeds once, then raises WrongExpectedVersionError with the actual revision', async () => {
      await store.appendToStream(stream('bib'), [event('A')], { expectedRevision: 'no_stream' });
      const error = await store
        .appendToStream(stream('bib'), [event('B')], { expectedRevision: 'no_stream' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect((error as WrongExpectedVersionError).actual).toBe(0);
      expect(await store.readStream(stream('bib'))).toHaveLength(1);
    });

    it('stream_exists fails on a missing stream and succeeds on an existing one', async () => {
      await expect(
        store.appendToStream(stream('s'), [event('A')], { expectedRevision: 'stream_exists' }),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await store.appendToStream(stream('s'), [event('A')]);
      await expect(
        store.appendToStream(stream('s'), [event('B')], { expectedRevision: 'stream_exists' }),
      ).resolves.toMatchObject({ nextExpectedRevision: 1 });
    });

    it('an exact revision must match the last event of the stream', async () => {
      await store.appendToStream(stream('s'), [event('A'), event('B')]);
      await expect(store.appendToStream(stream('s'), [event('C')], { expectedRevision: 0 })).rejects.toMatchObject({
        actual: 1,
      });
      await expect(store.appendToStream(stream('s'), [event('C')], { expectedRevision: 1 })).resolves.toMatchObject({
        nextExpectedRevision: 2,
      });
    });

    it('any appends whatever the stream holds', async () => {
      await store.appendToStream(stream('s'), [event('A')], { expectedRevision: 'any' });
      await store.appendToStream(stream('s'), [event('B')], { expectedRevision: 'any' });
      expect(await store.readStream(stream('s'))).toHaveLength(2);
    });

    it('of concurrent appends racing on one stream at the same revision, exactly one wins', async () => {
      await store.appendToStream(stream('race'), [event('Created')]);
      const attempts = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          store.appendToStream(stream('race'), [event('Raced', { i })], { expectedRevision: 0 }),
        ),
      );
      const won = attempts.filter((a) => a.status === 'fulfilled');
      const lost = attempts.filter((a) => a.status === 'rejected') as PromiseRejectedResult[];
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(9);
      lost.forEach((l) => expect(l.reason).toBeInstanceOf(WrongExpectedVersionError));
      expect(await store.readStream(stream('race'))).toHaveLength(2);
    });

    it('of concurrent creations of one stream with no_stream, exactly one wins', async () => {
      const attempts = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          store.appendToStream(stream('chip'), [event('Claimed', { i })], { expectedRevision: 'no_stream' }),
        ),
      );
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
      expect(await store.readStream(stream('chip'))).toHaveLength(1);
    });
  });

  describe('idempotence', () => {
    it('re-appending the same event ids is a no-op that succeeds', async () => {
      const batch = [event('A'), event('B')];
      const first = await store.appendToStream(stream('s'), batch, { expectedRevision: 'no_stream' });
      const again = await store.appendToStream(stream('s'), batch, { expectedRevision: 'no_stream' });
      expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
      expect(await store.readStream(stream('s'))).toHaveLength(2);
    });
  });

  describe('the global log', () => {
    it('reads all events in append order across streams, after a position', async () => {
      await store.appendToStream(stream('a'), [event('A1')]);
      await store.appendToStream(stream('b'), [event('B1')]);
      await store.appendToStream(stream('a'), [event('A2')]);
      const all = await collect(store.readAll());
      expect(all.map((e) => e.type)).toEqual(['A1', 'B1', 'A2']);
      const afterFirst = await collect(store.readAll({ after: all[0]!.position }));
      expect(afterFirst.map((e) => e.type)).toEqual(['B1', 'A2']);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(all[2]!.position);
    });

    it('filters by stream prefix and by event type', async () => {
      await store.appendToStream(`edition-${run}`, [event('EditionPlanned')]);
      await store.appendToStream(`entry-${run}`, [event('RunnerRegistered')]);
      await store.appendToStream(`entry2-${run}`, [event('RunnerRegistered')]);
      const byPrefix = await collect(store.readAll({ filter: { streamPrefixes: [`entry-${run}`] } }));
      expect(byPrefix.map((e) => e.streamId)).toEqual([`entry-${run}`]);
      const byType = await collect(store.readAll({ filter: { eventTypes: ['RunnerRegistered'] } }));
      expect(byType.map((e) => e.streamId)).toEqual([`entry-${run}`, `entry2-${run}`]);
    });

    it('pages through a log larger than one page', async () => {
      const many = Array.from({ length: 2500 }, (_, i) => event('Read', { i }));
      for (let i = 0; i < many.length; i += 500) await store.appendToStream(stream('reads'), many.slice(i, i + 500));
      const all = await collect(store.readAll({ filter: { streamPrefixes: [stream('reads')] } }));
      expect(all.map((e) => (e.data as { i: number }).i)).toEqual(many.map((_, i) => i));
      const limited = await collect(store.readAll({ filter: { streamPrefixes: [stream('reads')] }, maxCount: 1200 }));
      expect(limited).toHaveLength(1200);
    });
  });

  describe('catch-up subscriptions', () => {
    it('delivers events after the checkpoint, then follows live appends', async () => {
      await store.appendToStream(stream('a'), [event('Old')]);
      const checkpoint = (await store.appendToStream(stream('a'), [event('Seen')])).position;
      await store.appendToStream(stream('a'), [event('Missed1')]);
      const subscription = store.subscribeToAll({ after: checkpoint });
      const received = take(subscription, 2);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await store.appendToStream(stream('b'), [event('Live')]);
      const events = await received;
      await subscription.close();
      expect(events.map((e) => e.type)).toEqual(['Missed1', 'Live']);
    });

    it('applies its filter to live events', async () => {
      const subscription = store.subscribeToAll({ filter: { eventTypes: ['FinishRecorded'] } });
      const received = take(subscription, 2);
      await store.appendToStream(stream('t'), [event('SplitRecorded'), event('FinishRecorded', { bib: '1' })]);
      await store.appendToStream(stream('t'), [event('SplitRecorded'), event('FinishRecorded', { bib: '2' })]);
      const events = await received;
      await subscription.close();
      expect(events.map((e) => e.data)).toEqual([{ bib: '1' }, { bib: '2' }]);
    });

    it('stops when closed', async () => {
      const subscription = store.subscribeToAll({});
      const iteration = (async () => {
        let count = 0;
        for await (const e of subscription) if (e.streamId.endsWith(run)) count++;
        return count;
      })();
      await store.appendToStream(stream('s'), [event('A')]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await subscription.close();
      await expect(iteration).resolves.toBeLessThanOrEqual(1);
    });
  });
};
