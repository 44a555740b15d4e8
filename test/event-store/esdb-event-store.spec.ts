import { randomUUID } from 'node:crypto';
import { EsdbEventStore } from '../../src/event-store/esdb/esdb-event-store';
import { NewEvent, RecordedEvent } from '../../src/event-store/event-store';
import { AppendRoute, EsdbTestServer } from '../esdb-server/esdb-test-server';
import { eventStoreContract } from './event-store.contract';

/**
 * The adapter against the in-process EventStoreDB wire-protocol double: proves its use of the client and
 * of the gRPC protocol. The same contract runs against a real EventStoreDB in esdb-real-server.spec.ts.
 */
describe.each<[string, AppendRoute]>([
  ['a server advertising BatchAppend (EventStoreDB 21.10+)', 'batch-append'],
  ['a server without feature discovery (client falls back to Append)', 'append'],
])('EsdbEventStore over the EventStoreDB wire protocol, %s', (_name, appendRoute) => {
  let server: EsdbTestServer;

  beforeAll(async () => {
    server = new EsdbTestServer(appendRoute);
    await server.start();
  });
  afterAll(() => server.stop());

  eventStoreContract(async () => new EsdbEventStore(server.connectionString));
});

describe('EsdbEventStore against a node that crashes and restarts', () => {
  let server: EsdbTestServer;
  let store: EsdbEventStore;
  const stream = `crash-${randomUUID().slice(0, 8)}`;

  beforeEach(async () => {
    server = new EsdbTestServer();
    await server.start();
    store = new EsdbEventStore(server.connectionString);
  });
  afterEach(async () => {
    await store.close();
    await server.stop();
  });

  const event = (type: string): NewEvent => ({
    id: randomUUID(),
    type,
    data: { type },
    metadata: {
      actor: { id: 'crash-test', role: 'organiser' },
      correlationId: randomUUID(),
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
    },
  });

  /** Pulls events on demand, so a test can wait for exactly the next n. */
  const reader = (subscription: AsyncIterable<RecordedEvent>) => {
    const iterator = subscription[Symbol.asyncIterator]();
    return async (count: number) => {
      const events: RecordedEvent[] = [];
      while (events.length < count) {
        const next = await iterator.next();
        if (next.done) throw new Error('subscription ended');
        events.push(next.value);
      }
      return events;
    };
  };

  it('resumes after its last event when the server comes back, delivering every later event exactly once', async () => {
    await store.appendToStream(stream, [event('A1'), event('A2')]);
    const subscription = store.subscribeToAll({ filter: { streamPrefixes: [stream] } });
    const next = reader(subscription);
    expect((await next(2)).map((e) => e.type)).toEqual(['A1', 'A2']);

    server.kill();
    await server.start();
    // Appended by another process, most likely before this one's subscription has reconnected.
    const writer = new EsdbEventStore(server.connectionString);
    await writer.appendToStream(stream, [event('B1'), event('B2')]);
    await writer.close();
    const caughtUp = await next(2);
    await store.appendToStream(stream, [event('C1')]);
    const live = await next(1);
    await subscription.close();

    expect([...caughtUp, ...live].map((e) => [e.type, e.revision])).toEqual([
      ['B1', 2],
      ['B2', 3],
      ['C1', 4],
    ]);
  });

  it("hides the node's own system events from reads, subscriptions and the head position", async () => {
    const { position } = await store.appendToStream(stream, [event('A1')]);
    await store.close();
    server.kill();
    await server.start(); // a restarted node writes a new epoch event after A1
    store = new EsdbEventStore(server.connectionString);
    expect(await store.headPosition()).toBe(position);
    const all: RecordedEvent[] = [];
    for await (const e of store.readAll()) all.push(e);
    expect(all.map((e) => e.type)).toEqual(['A1']);
    const subscription = store.subscribeToAll();
    const next = reader(subscription);
    await store.appendToStream(stream, [event('A2')]);
    expect((await next(2)).map((e) => e.type)).toEqual(['A1', 'A2']);
    await subscription.close();
  });

  it('ends when closed while it waits to reconnect', async () => {
    const subscription = store.subscribeToAll({ filter: { streamPrefixes: [stream] } });
    const iteration = (async () => {
      for await (const _ of subscription) continue;
    })();
    await store.appendToStream(stream, [event('A1')]);
    server.kill();
    await new Promise((resolve) => setTimeout(resolve, 150));
    await subscription.close();
    await expect(iteration).resolves.toBeUndefined();
    await server.start();
  });
});
