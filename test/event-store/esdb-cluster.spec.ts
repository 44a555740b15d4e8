import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { handleCommand } from '../../src/decider/handle-command';
import { Decider } from '../../src/decider/decider';
import { EsdbEventStore } from '../../src/event-store/esdb/esdb-event-store';
import { RecordedEvent } from '../../src/event-store/event-store';
import { EsdbTestCluster } from '../esdb-server/esdb-test-cluster';
import { newEvent } from './fixtures/new-event';

/**
 * The adapter against a 3-node test cluster (one replicated log, gossip, elections): what a failover
 * looks like from the client. See docs/eventstoredb.md for what the test cluster does and does not model.
 */
const context = { actor: { id: 'cluster-test', role: 'organiser' as const }, correlationId: 'cluster', now: '2018-04-22T03:00:00.000Z' };
const echo: Decider<number, string, { type: 'EditionPlanned'; data: { payload: string } }> = {
  initialState: () => 0,
  evolve: (count) => count + 1,
  decide: (payload) => [{ type: 'EditionPlanned', data: { payload } }],
};

describe('EsdbEventStore on a 3-node cluster (gossip, elections, NotLeader)', () => {
  let cluster: EsdbTestCluster;
  let store: EsdbEventStore;
  const stream = () => `cluster-${randomUUID().slice(0, 8)}`;

  beforeEach(async () => {
    cluster = new EsdbTestCluster();
    await cluster.start();
    store = new EsdbEventStore(cluster.connectionString);
  });
  afterEach(async () => {
    await store.close();
    await cluster.stop();
  });

  it('gossip: the client discovers the leader among the seeds and writes through it', async () => {
    const s = stream();
    await store.appendToStream(s, [newEvent('A')], { expectedRevision: 'no_stream' });
    expect(await store.readStream(s)).toHaveLength(1);
  });

  it('a subscription rides out a leader crash and an election with no leader (discovery fails meanwhile), resuming after its last event', async () => {
    const s = stream();
    await store.appendToStream(s, [newEvent('A1')], { expectedRevision: 'no_stream' });
    const subscription = store.subscribeToAll({ filter: { streamPrefixes: [s] } });
    // Pulled all the time, as the projection runner does, so the drop is seen while there is no leader.
    const seen: RecordedEvent[] = [];
    const consuming = (async () => {
      for await (const event of subscription) seen.push(event);
    })();
    const waitFor = async (count: number) => {
      while (seen.length < count) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    await waitFor(1);
    const drops: string[] = [];
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void drops.push(String(message)));

    cluster.killLeader(2_000); // no leader for 2 s: the client's discovery gives up ("Failed to discover after 3 attempts") and the subscription retries
    await cluster.whenLeaderElected();
    const writer = new EsdbEventStore(cluster.connectionString);
    await writer.appendToStream(s, [newEvent('B1')], { expectedRevision: 0 });
    await writer.close();
    await waitFor(2);
    warn.mockRestore();
    expect(seen.map((e) => [e.type, e.revision])).toEqual([['A1', 0], ['B1', 1]]);
    expect(drops.some((message) => /subscription dropped \(Failed to discover after 3 attempts/.test(message))).toBe(true);
    await subscription.close();
    await consuming;
  }, 20_000);

  it('headPosition at start waits out an election instead of failing', async () => {
    const { position } = await store.appendToStream(stream(), [newEvent('A')]);
    await store.close();
    cluster.killLeader(1_500);
    store = new EsdbEventStore(cluster.connectionString);
    expect(await store.headPosition()).toBeGreaterThanOrEqual(position);
  }, 20_000);

  it('a leader change: the old leader answers NotLeader to requiresLeader, and the command is sent once more to the new leader', async () => {
    const s = stream();
    await handleCommand(store, s, echo, 'first', context);
    cluster.moveLeadership(1); // the client is still connected to node 0, now a follower
    const outcome = await handleCommand(store, s, echo, 'second', context);
    expect(outcome).toMatchObject({ revision: 1, state: 1 });
    expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0, 1]);
  });

  it('during an election a write needing the leader fails (NotReady) rather than being taken by a follower', async () => {
    const s = stream();
    await store.appendToStream(s, [newEvent('A')], { expectedRevision: 'no_stream' });
    cluster.moveLeadership(1);
    await store.readStream(s); // NotLeader: the client now talks to node 1
    cluster.killLeader(60_000);
    await expect(store.appendToStream(s, [newEvent('B')], { expectedRevision: 0 })).rejects.toThrow();
    expect(cluster.log.stream(s)).toHaveLength(1);
  }, 20_000);
});
