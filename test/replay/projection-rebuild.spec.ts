import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NewEvent } from '../../src/event-store/event-store';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { foldLog } from '../../src/projections/fold-log';
import { ProjectionRunner, RebuildProgress } from '../../src/projections/projection-runner';
import { SnapshotStore } from '../../src/projections/snapshot-store';
import { Counted, finishCounter } from '../projections/finish-counter';

const event = (type: string, bib: string): NewEvent => ({
  id: randomUUID(),
  type,
  data: { bib },
  metadata: { actor: { id: 't', role: 'timing' }, correlationId: 'c', occurredAt: '2018-04-22T05:33:00.000Z', schemaVersion: 1 },
});

describe('ProjectionRunner.rebuild', () => {
  let store: SqliteEventStore;
  let snapshots: SnapshotStore;
  let runner: ProjectionRunner;

  beforeEach(() => {
    const dir = mkdtempSync(join(tmpdir(), 'rebuild-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'));
    snapshots = new SnapshotStore(join(dir, 'read-models.sqlite'));
    runner = new ProjectionRunner(store, snapshots);
    runner.register(finishCounter);
  });
  afterEach(async () => {
    await runner.stop();
    snapshots.close();
    await store.close();
  });

  const appendFinishes = async (from: number, count: number) => {
    let position = -1;
    for (let i = from; i < from + count; i += 100) {
      const batch = Array.from({ length: 100 }, (_, j) => [event('FinishRecorded', String(i + j)), event('SplitRecorded', 'x')]).flat();
      position = (await store.appendToStream(`entry-${i}`, batch)).position;
    }
    return position;
  };

  it('serves the old state while it folds on fresh state, then swaps in exactly the log, with appends during the rebuild', async () => {
    runner.start();
    await runner.waitFor(await appendFinishes(0, 3000));
    runner.state<Counted>(finishCounter.name).stale = true;

    const progress: RebuildProgress[] = [];
    const rebuilt = runner.rebuild(finishCounter.name, (p) => progress.push(p));
    await expect(runner.rebuild(finishCounter.name)).rejects.toThrow(/already being rebuilt/);
    await new Promise((resolve) => setImmediate(resolve));
    expect(runner.state<Counted>(finishCounter.name).stale).toBe(true);
    // Live appends while the rebuild folds: the live model takes them, and so must the rebuilt one.
    const head = await appendFinishes(3000, 1000);
    const done = await rebuilt;
    await runner.waitFor(head);

    const state = runner.state<Counted>(finishCounter.name);
    expect(state.stale).toBeUndefined();
    expect(state.finishes).toBe(4000);
    expect(JSON.stringify(state)).toBe(JSON.stringify((await foldLog(store, finishCounter)).state));
    expect(progress.length).toBeGreaterThan(1);
    expect(done.position).toBeLessThanOrEqual(head);
    expect(snapshots.load(finishCounter.name)!.checkpoint).toBeGreaterThanOrEqual(done.position);
  });

  it('refuses a model that stopped on an event, and one it does not know', async () => {
    const broken = new ProjectionRunner(store, snapshots);
    broken.register({ ...finishCounter, name: 'broken', evolve: () => { throw new Error('unknown bib'); } });
    broken.start();
    await broken.waitFor((await store.appendToStream('entry-1', [event('FinishRecorded', '1')])).position);
    await expect(broken.rebuild('broken')).rejects.toThrow(/projection broken stopped \(event FinishRecorded at position 1: unknown bib\)/);
    await expect(broken.rebuild('nope')).rejects.toThrow(/projection nope is not registered/);
    await broken.stop();
  });

  it('stops a rebuild when the runner stops', async () => {
    runner.start();
    await runner.waitFor(await appendFinishes(0, 2000));
    const rebuilt = expect(runner.rebuild(finishCounter.name)).rejects.toThrow(/the projection runner stopped/);
    await runner.stop();
    await rebuilt;
  });
});
