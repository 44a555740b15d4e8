import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NewEvent } from '../../src/event-store/event-store';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { foldLog } from '../../src/projections/fold-log';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { SnapshotStore } from '../../src/projections/snapshot-store';
import { finishCounter } from './finish-counter';

const finish = (bib: string): NewEvent => ({
  id: randomUUID(),
  type: 'FinishRecorded',
  data: { bib },
  metadata: { actor: { id: 't', role: 'timing' }, correlationId: 'c', occurredAt: '2018-04-22T05:33:00.000Z', schemaVersion: 1 },
});
const other = (): NewEvent => ({ ...finish('x'), type: 'SplitRecorded' });

describe('ProjectionRunner', () => {
  let dir: string;
  let store: SqliteEventStore;
  const open = () => {
    const snapshots = new SnapshotStore(join(dir, 'read-models.sqlite'));
    const runner = new ProjectionRunner(store, snapshots);
    runner.register(finishCounter);
    runner.start();
    return { runner, snapshots };
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runner-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'));
  });
  afterEach(() => store.close());

  it('folds the log, follows live appends, and lets a writer wait for its own write', async () => {
    await store.appendToStream('entry-1', [finish('1'), other()]);
    const { runner, snapshots } = open();
    const { position } = await store.appendToStream('entry-2', [finish('2')]);
    await runner.waitFor(position);
    expect(runner.state(finishCounter.name)).toEqual({ finishes: 2, bibs: ['1', '2'] });
    expect(runner.status()).toMatchObject({ running: true, position });
    await runner.stop();
    snapshots.close();
  });

  it('resumes from its stored checkpoint after a restart and applies nothing twice', async () => {
    const first = open();
    await first.runner.waitFor((await store.appendToStream('entry-1', [finish('1'), finish('2')])).position);
    await first.runner.stop();
    first.snapshots.close();

    await store.appendToStream('entry-3', [finish('3')]);
    const second = open();
    const { position } = await store.appendToStream('entry-4', [finish('4')]);
    await second.runner.waitFor(position);
    expect(second.runner.state(finishCounter.name)).toEqual({ finishes: 4, bibs: ['1', '2', '3', '4'] });
    await second.runner.stop();
    second.snapshots.close();
  });

  it('rebuilds from zero when the snapshots were folded from another log or another kind of store', async () => {
    const first = open();
    await first.runner.waitFor((await store.appendToStream('entry-1', [finish('1'), finish('2'), finish('3')])).position);
    await first.runner.stop();
    first.snapshots.close();

    // The same directory now beside another log that is at least as long: the head check alone would pass.
    store.close();
    store = new SqliteEventStore(join(dir, 'other-events.sqlite'));
    const { position } = await store.appendToStream('entry-9', [finish('9'), other(), other(), other()]);
    const second = open();
    await second.runner.waitFor(position);
    expect(second.runner.state(finishCounter.name)).toEqual({ finishes: 1, bibs: ['9'] });
    await second.runner.stop();
    second.snapshots.close();

    const snapshots = new SnapshotStore(join(dir, 'read-models.sqlite'));
    const startOver = jest.spyOn(snapshots, 'startOver');
    const asIfMigrated = new ProjectionRunner(store, snapshots, 'eventstoredb');
    asIfMigrated.register(finishCounter);
    await asIfMigrated.start();
    expect(startOver).toHaveBeenCalledTimes(1);
    expect(snapshots.builtFrom()).toMatch(/^eventstoredb:/);
    await asIfMigrated.waitFor(position);
    expect(asIfMigrated.state(finishCounter.name)).toEqual({ finishes: 1, bibs: ['9'] });
    await asIfMigrated.stop();
    snapshots.close();
  });

  it('equals a rebuild from zero of the same log', async () => {
    const { runner, snapshots } = open();
    let position = -1;
    for (let i = 0; i < 50; i++) position = (await store.appendToStream(`entry-${i % 7}`, [finish(String(i)), other()])).position;
    await runner.waitFor(position);
    const rebuilt = await foldLog(store, finishCounter);
    expect(JSON.stringify(rebuilt.state)).toBe(JSON.stringify(runner.state(finishCounter.name)));
    expect(rebuilt.checkpoint).toBe(position);
    await runner.stop();
    snapshots.close();
  });

  it('rebuilds from zero when the stored snapshot is of another projection version', async () => {
    const first = open();
    await first.runner.waitFor((await store.appendToStream('entry-1', [finish('1')])).position);
    await first.runner.stop();
    first.snapshots.close();

    const snapshots = new SnapshotStore(join(dir, 'read-models.sqlite'));
    const runner = new ProjectionRunner(store, snapshots);
    runner.register({ ...finishCounter, version: 2, evolve: (state) => ({ ...state, finishes: state.finishes + 10 }) });
    runner.start();
    await runner.waitFor(await store.headPosition());
    expect(runner.state<{ finishes: number }>(finishCounter.name).finishes).toBe(10);
    await runner.stop();
    snapshots.close();
  });

  it('rebuilds from zero a snapshot folded from another log (past this log\'s head)', async () => {
    const first = open();
    await first.runner.waitFor((await store.appendToStream('entry-1', [finish('1'), finish('2'), finish('3')])).position);
    await first.runner.stop();
    first.snapshots.close();

    await store.close();
    store = new SqliteEventStore(join(dir, 'replaced-events.sqlite'));
    const second = open();
    await second.runner.waitFor((await store.appendToStream('entry-9', [finish('9')])).position);
    expect(second.runner.state(finishCounter.name)).toEqual({ finishes: 1, bibs: ['9'] });
    await second.runner.stop();
    second.snapshots.close();
  });

  it('reports a projection that fails on an event instead of skipping it silently', async () => {
    const snapshots = new SnapshotStore(join(dir, 'read-models.sqlite'));
    const runner = new ProjectionRunner(store, snapshots);
    runner.register({ ...finishCounter, evolve: () => { throw new Error('unknown bib'); } });
    runner.start();
    await runner.waitFor((await store.appendToStream('entry-1', [finish('1')])).position);
    expect(runner.status().running).toBe(false);
    expect(runner.status().projections[0]!.failure).toMatch(/FinishRecorded at position \d+: unknown bib/);
    await runner.stop();
    snapshots.close();
  });

  it('times out a wait for a position the log never reaches', async () => {
    const { runner, snapshots } = open();
    await expect(runner.waitFor(10_000, 50)).rejects.toThrow(/not yet reached log position 10000/);
    await runner.stop();
    snapshots.close();
  });
});
