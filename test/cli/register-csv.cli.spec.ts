import { EventStore } from '../../src/event-store/event-store';
import { EVENT_STORE } from '../../src/event-store/event-store.module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planRaceDay } from '../http/race-day-fixtures';
import { startTestApp } from '../http/test-app';
import { runCli } from './run-cli';

describe('npm run register:csv', () => {
  it('registers a CSV file with a progress bar and a per-row report; exits non-zero with the reasons', async () => {
    const t = await startTestApp();
    await planRaceDay(t);
    await t.close();
    const file = join(t.dataDir, 'runners.csv');
    writeFileSync(
      file,
      'bib,chipId,raceId,firstName,lastName,gender,dateOfBirth,country\n' +
        '1,C1,marathon,Mikhail,Krasilov,M,1990-05-01,KAZ\n' +
        '2,C2,marathon,Too,Young,M,2010-05-01,KAZ\n',
    );
    const env = { DATA_DIR: t.dataDir };

    const refused = runCli('src/registration/register-csv.cli.ts', ['--edition', 'almaty-2018', '--file', file], env);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/line 3 \(bib 2\): .*under the minimum age/);
    expect(refused.stdout).toMatch(/refused: 1 of 2 rows are invalid; nothing was registered/);

    const partial = runCli('src/registration/register-csv.cli.ts', ['--edition', 'almaty-2018', '--file', file, '--mode', 'valid-rows-only'], env);
    expect(partial.stdout).toMatch(/registered 1 of 2 rows; 1 failed/);
    expect(partial.stderr).toMatch(/registering \[#+\] 100% 1\/1 runners/);
    expect(partial.status).toBe(1);

    const usage = runCli('src/registration/register-csv.cli.ts', ['--file', file], env);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--edition and --file are required/);

    const reopened = await startTestApp({ dataDir: t.dataDir });
    const store = reopened.app.get<EventStore>(EVENT_STORE);
    expect((await store.readStream('entry-almaty-2018-1')).map((e) => [e.type, e.metadata.actor.id])).toEqual([
      ['RunnerRegistered', expect.stringMatching(/^cli:/)],
    ]);
    await reopened.close();
  });
});
