import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planRaceDay, register, runner } from '../http/race-day-fixtures';
import { expectRebuildsEqualLive, startTestApp } from '../http/test-app';
import { refusedStart } from './server-process';

let dataDir: string;
let eventsFile: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'damaged-store-'));
  eventsFile = join(dataDir, 'events.sqlite');
});

/** A data directory that has served: a log with an edition and runners, and the read models' snapshots. */
const servedDataDir = async () => {
  const t = await startTestApp({ dataDir });
  await planRaceDay(t);
  for (const bib of ['1', '2', '3']) await register(t, runner(bib)).expect(201);
  await t.close();
};

const PAGE_BYTES = 4096;

describe('an events.sqlite that is not a sound log', () => {
  const expectRefusal = async (problem: RegExp) => {
    const { code, stderr } = await refusedStart({ DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(stderr).toContain(`refusing to open the event log ${eventsFile}: it `);
    expect(stderr).toMatch(problem);
    expect(stderr).toMatch(/restore it from a backup or an archive, or move it aside/);
  };

  it('zero-length: the server refuses to start, naming the file', async () => {
    await servedDataDir();
    writeFileSync(eventsFile, '');
    await expectRefusal(/it is empty \(0 bytes\)/);
  });

  it('with its events table dropped: refused', async () => {
    await servedDataDir();
    const db = new Database(eventsFile);
    db.exec('DROP TABLE events');
    db.close();
    await expectRefusal(/it has no events table/);
  });

  it('with damaged pages: refused', async () => {
    await servedDataDir();
    // Page 1 is the schema; 0xff (no page type) over the next pages hits the events table and its indexes.
    const fd = openSync(eventsFile, 'r+');
    writeSync(fd, Buffer.alloc(3 * PAGE_BYTES, 0xff), 0, 3 * PAGE_BYTES, PAGE_BYTES);
    closeSync(fd);
    await expectRefusal(/it (fails SQLite's quick_check|is damaged \(SQLite says: )/);
  });
});

describe('a damaged read-models.sqlite', () => {
  it('is moved aside and every read model rebuilt from the log: the server starts and answers the same', async () => {
    await servedDataDir();
    const reads = ['/editions/almaty-2018', '/editions/almaty-2018/entries/2', '/editions/almaty-2018/races/marathon/results', '/editions/almaty-2018/statistics'];
    const before = await startTestApp({ dataDir });
    const answers = await Promise.all(reads.map(async (path) => (await before.http().get(path).expect(200)).body));
    await before.close();
    writeFileSync(join(dataDir, 'read-models.sqlite'), randomBytes(64 * 1024));

    const after = await startTestApp({ dataDir });
    try {
      expect(await Promise.all(reads.map(async (path) => (await after.http().get(path).expect(200)).body))).toEqual(answers);
      await expectRebuildsEqualLive(after);
      expect(readdirSync(dataDir).filter((name) => name.startsWith('read-models.sqlite.damaged-'))).toHaveLength(1);
    } finally {
      await after.close();
    }
  });
});
