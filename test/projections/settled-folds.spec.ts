import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NewEvent } from '../../src/event-store/event-store';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { SettledFolds } from '../../src/projections/settled-folds';
import { finishCounter } from './finish-counter';

const finish = (bib: string): NewEvent => ({
  id: randomUUID(),
  type: 'FinishRecorded',
  data: { bib },
  metadata: { actor: { id: 't', role: 'timing' }, correlationId: 'c', occurredAt: '2018-04-22T05:33:00.000Z', schemaVersion: 1 },
});

describe('folds as of a moment', () => {
  it('folds a moment the log has passed once, and one still ahead of the log afresh each time', async () => {
    const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'folds-')), 'events.sqlite'));
    const readAll = jest.spyOn(store, 'readAll');
    try {
      await store.appendToStream('entry-1', [finish('1'), finish('2')]);
      const folds = new SettledFolds(store);
      const first = await folds.fold(finishCounter, { position: 1 });
      expect(await folds.fold(finishCounter, { position: 1 })).toBe(first);
      expect(readAll).toHaveBeenCalledTimes(1);

      const ahead = await folds.fold(finishCounter, { position: 5 });
      await store.appendToStream('entry-3', [finish('3')]);
      const later = await folds.fold(finishCounter, { position: 5 });
      expect(later.state).not.toEqual(ahead.state);
      expect(readAll).toHaveBeenCalledTimes(3);
    } finally {
      await store.close();
    }
  });
});
