import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { Snapshot, SnapshotStore } from '../../src/projections/snapshot-store';
import { finishCounter } from '../projections/finish-counter';

/** A snapshot file on a disk that fails, until told otherwise. */
class FailingSnapshotStore extends SnapshotStore {
  failing = true;
  attempts = 0;

  override save(snapshots: Snapshot[]): void {
    this.attempts++;
    if (this.failing) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    super.save(snapshots);
  }
}

const finish = (bib: string) => ({
  id: randomUUID(),
  type: 'FinishRecorded',
  data: { bib },
  metadata: { actor: { id: 't', role: 'timing' }, correlationId: 'c', occurredAt: '2018-04-22T05:33:00.000Z', schemaVersion: 1 },
});

describe('a snapshot save that fails in the background', () => {
  let store: SqliteEventStore;
  let snapshots: FailingSnapshotStore;
  let runner: ProjectionRunner;
  beforeEach(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'save-failure-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'));
    snapshots = new FailingSnapshotStore(join(dir, 'read-models.sqlite'));
    runner = new ProjectionRunner(store, snapshots);
    runner.register(finishCounter);
    await runner.start();
  });
  afterEach(async () => {
    await runner.stop();
    snapshots.close();
    await store.close();
  });

  it('is reported, not thrown: the read models keep serving and the save is retried until it succeeds', async () => {
    await runner.waitFor((await store.appendToStream('entry-1', [finish('1')])).position);
    // The idle save comes a second after the last event.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(snapshots.attempts).toBe(1);
    expect(runner.status().saveFailure).toMatch(/snapshots could not be saved \(database or disk is full\)/);
    expect(runner.state(finishCounter.name)).toEqual({ finishes: 1, bibs: ['1'] });

    snapshots.failing = false;
    const deadline = Date.now() + 8000;
    while (runner.status().saveFailure && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(runner.status().saveFailure).toBeUndefined();
    expect(snapshots.load(finishCounter.name)).toMatchObject({ checkpoint: runner.status().position });
  });

  it('does not make stopping throw either', async () => {
    await runner.waitFor((await store.appendToStream('entry-1', [finish('1')])).position);
    await expect(runner.stop()).resolves.toBeUndefined();
    expect(runner.status().saveFailure).toBeDefined();
  });
});
