import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DamagedEventLogError } from '../../src/event-store/sqlite/event-log-integrity';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { newEvent } from './fixtures/new-event';

/**
 * Every process that opens the embedded log (the API, the CLIs) refuses one that is there but is not a
 * sound log; only a missing file is a new store.
 */
let directory: string;
let file: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'store-integrity-'));
  file = join(directory, 'events.sqlite');
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

const withEvents = async () => {
  const store = new SqliteEventStore(file);
  await store.appendToStream('edition-2018', [newEvent('EditionPlanned')]);
  await store.close();
};

describe('opening the embedded log', () => {
  it('creates a missing file, and reopens a sound one with its events', async () => {
    await withEvents();
    const store = new SqliteEventStore(file);
    expect(await store.readStream('edition-2018')).toHaveLength(1);
    await store.close();
  });

  it.each([
    ['a zero-length file', () => writeFileSync(file, ''), /it is empty \(0 bytes\)/],
    [
      'a file without its events table',
      () => {
        const db = new Database(file);
        db.exec('DROP TABLE events');
        db.close();
      },
      /it has no events table/,
    ],
    ['a file of garbage', () => writeFileSync(file, randomBytes(8192)), /it is damaged \(SQLite says: file is not a database\)/],
  ])('refuses %s, naming it', async (_, damage, problem) => {
    await withEvents();
    damage();
    const opening = () => new SqliteEventStore(file);
    expect(opening).toThrow(DamagedEventLogError);
    expect(opening).toThrow(`refusing to open the event log ${file}: it `);
    expect(opening).toThrow(problem);
  });
});
