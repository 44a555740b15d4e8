import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { runCli } from '../cli/run-cli';
import { startTestApp } from '../http/test-app';

const CLI = 'src/archive/import-results.cli.ts';
const HEADER = 'place,bib,name,gender,birthYear,country,gunTime,netTime';

const csvFile = (dir: string, name: string, rows: string[]) => {
  const file = join(dir, name);
  writeFileSync(file, [HEADER, ...rows].join('\n'));
  return file;
};

describe('npm run import:results', () => {
  it('turns past editions\' results CSVs into events whose results and records match the CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'results-import-'));
    const edition2016 = csvFile(dir, '2016.csv', [
      '1,101,Nikolay Grigorov,M,1988,RUS,2:30:09,2:30:08',
      '2,102,Aida Esterekova,F,1991,KAZ,3:01:00,',
    ]);
    const edition2017 = csvFile(dir, '2017.csv', [
      '1,7,Mikhail Krasilov,M,1990,KAZ,2:31:40,2:31:38',
      '2,12,Ortyk Ramazanov,M,1985,uzb,2:31:40,2:31:35',
      '2,15,"Tied Runner",M,1979,KAZ,2:31:40,',
      '4,31,Dana Aidosova,F,1992,KAZ,2:59:59,2:59:50',
    ]);
    const common = ['--race', 'marathon', '--distance', '42195', '--series', 'almaty', '--course', 'almaty-central-stadium'];
    const env = { DATA_DIR: dir };
    const first = runCli(CLI, ['--edition', 'almaty-2016', '--file', edition2016, '--date', '2016-04-24', '--number', '6', ...common], env);
    expect(first.stdout).toMatch(/planned edition almaty-2016, added race marathon; imported 2 of 2 rows into almaty-2016\/marathon \(gun 2016-04-24T03:00:00.000Z\); 0 failed/);
    expect(first.status).toBe(0);
    const second = runCli(CLI, ['--edition', 'almaty-2017', '--file', edition2017, '--date', '2017-04-23', '--number', '7', '--name', '7th Almaty Marathon', ...common], env);
    expect(second.stderr).toMatch(/timing \[#+\] 100% 4\/4 runners/);
    expect(second.status).toBe(0);

    const t = await startTestApp({ dataDir: dir });
    try {
      const results = await t.http().get('/editions/almaty-2017/races/marathon/results').expect(200);
      expect(results.body.rows.map((r: Record<string, unknown>) => [r.place, r.bib, r.firstName, r.lastName, r.country, r.category, r.gunTime, r.netTime, r.status])).toEqual([
        [1, '7', 'Mikhail', 'Krasilov', 'KAZ', 'MOPEN', '2:31:40', '2:31:38', 'finished'],
        [2, '12', 'Ortyk', 'Ramazanov', 'UZB', 'MOPEN', '2:31:40', '2:31:35', 'finished'],
        [2, '15', 'Tied', 'Runner', 'KAZ', 'M35', '2:31:40', '2:31:40', 'finished'],
        [4, '31', 'Dana', 'Aidosova', 'KAZ', 'FOPEN', '2:59:59', '2:59:50', 'finished'],
      ]);
      const records = await t.http().get('/editions/almaty-2017/races/marathon/records').expect(200);
      expect(records.body.eventRecords).toEqual([
        expect.objectContaining({ gender: 'M', time: '2:30:09', lastName: 'Grigorov', editionId: 'almaty-2016', brokenInThisEdition: false }),
        expect.objectContaining({ gender: 'F', time: '2:59:59', lastName: 'Aidosova', editionId: 'almaty-2017', brokenInThisEdition: true, previous: expect.objectContaining({ time: '3:01:00' }) }),
      ]);
      const trail = await t.http().get('/editions/almaty-2017/audit?bib=15&type=RunnerRegistered').set(t.as('organiser')).expect(200);
      expect(trail.body.entries[0]).toMatchObject({ type: 'RunnerRegistered', reason: expect.stringMatching(/date of birth approximated as 1 July/) });
    } finally {
      await t.close();
    }
  });

  it('reports every bad row and writes nothing, or only the valid rows when asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'results-refused-'));
    const file = csvFile(dir, 'bad.csv', [
      '1,1,Mikhail Krasilov,M,1990,KAZ,2:33:04,',
      '2,2,Madonna,F,1958,USA,2:40:00,',
      '3,3,Late Starter,M,1980,KAZ,2:45:00,2:50:00',
      '4,1,Same Bib,M,1980,KAZ,2:50:00,',
      '5,5,Slow Fifth,M,1980,KAZ,3:05:00,',
      '6,6,Too Young,M,2018,KAZ,3:00:00,',
      '7,8,No Time,M,1980,KAZ,2h40,',
    ]);
    const args = ['--edition', 'almaty-2017', '--race', 'marathon', '--file', file, '--date', '2017-04-23', '--distance', '42195'];
    const refused = runCli(CLI, args, { DATA_DIR: dir });
    expect(refused.status).toBe(1);
    expect(refused.stdout.trim().split('\n')).toEqual([
      'line 3 (bib 2): name "Madonna" needs a first and a last name',
      'line 4 (bib 3): netTime 2:50:00 is longer than gunTime 2:45:00: the start mat is crossed after the gun',
      'line 5 (bib 1): bib 1 is also on line 2',
      'line 6 (bib 5): place 5 contradicts the times: gun time 3:05:00 ranks 6',
      'line 7 (bib 6): place 6 contradicts the times: gun time 3:00:00 ranks 5; dateOfBirth 2018-07-01 is not before race day',
      'line 8 (bib 8): gunTime 2h40 is not H:MM:SS',
      'refused: 6 of 7 rows are invalid; nothing was written (use --mode valid-rows-only to import the rest)',
    ]);
    const store = new SqliteEventStore(join(dir, 'events.sqlite'));
    expect(await store.headPosition()).toBe(-1);

    const partial = runCli(CLI, [...args, '--mode', 'valid-rows-only'], { DATA_DIR: dir });
    expect(partial.stdout).toMatch(/imported 1 of 7 rows into almaty-2017\/marathon .*; 6 failed/);
    expect(partial.status).toBe(1);
    expect((await store.readStream('entry-almaty-2017-1')).map((e) => e.type)).toEqual(['RunnerRegistered', 'ReadRecorded', 'FinishRecorded']);
    await store.close();

    const undated = runCli(CLI, ['--edition', 'almaty-2010', '--race', 'marathon', '--file', file], { DATA_DIR: dir });
    expect(undated.stderr).toMatch(/edition almaty-2010 is not in the store: give its --date/);
    expect(undated.status).toBe(1);
    expect(runCli(CLI, ['--edition', 'almaty-2010', '--file', file], { DATA_DIR: dir }).stderr).toMatch(/--edition, --race and --file are required/);
  });
});
