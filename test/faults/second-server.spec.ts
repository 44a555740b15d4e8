import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/run-cli';
import { planRaceDay } from '../http/race-day-fixtures';
import { startTestApp } from '../http/test-app';
import { freePort, refusedStart, ServerProcess, startServer, stopServer } from './server-process';

let dataDir: string;
let servers: ServerProcess[];
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'second-server-'));
  servers = [];
});
afterEach(async () => {
  await Promise.all(servers.map((server) => stopServer(server)));
});

const serve = async (env: Record<string, string> = {}) => {
  const server = startServer({ DATA_DIR: dataDir, ...env });
  servers.push(server);
  await server.serving;
  return server;
};

const getOnceFound = async (url: string, timeoutMs: number): Promise<Response> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(url);
    if (response.status !== 404 || Date.now() > deadline) return response;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe('two API servers on one DATA_DIR', () => {
  it('the second is refused, naming the first one by pid, while the first serves', async () => {
    const first = await serve();

    const { code, stderr } = await refusedStart({ DATA_DIR: dataDir });

    expect(code).toBe(1);
    expect(stderr).toContain(`refusing to start: DATA_DIR ${dataDir} is already served by another API server (pid ${first.child.pid}, started `);
    expect(stderr).toContain(join(dataDir, 'server.lock'));
  });

  it('a lock left by a killed server does not block the next start', async () => {
    const killed = await serve();
    await stopServer(killed, 'SIGKILL');
    const lock = new Database(join(dataDir, 'server.lock'), { readonly: true });
    expect(lock.prepare('SELECT pid FROM holder').get()).toEqual({ pid: killed.child.pid });
    lock.close();

    await serve();
  });
});

describe('the command-line tools beside a serving API', () => {
  it('append to the same log, and the API folds what they appended', async () => {
    const planner = await startTestApp({ dataDir });
    await planRaceDay(planner);
    await planner.close();
    const port = await freePort();
    await serve({ PORT: String(port) });
    const csv = join(dataDir, 'runners.csv');
    writeFileSync(csv, 'bib,chipId,raceId,firstName,lastName,gender,dateOfBirth,country\n1,C1,marathon,Mikhail,Krasilov,M,1990-05-01,KAZ\n');

    const registered = runCli('src/registration/register-csv.cli.ts', ['--edition', 'almaty-2018', '--file', csv], { DATA_DIR: dataDir });

    expect(registered.status).toBe(0);
    // The API polls the log for appends from another process.
    const entry = await getOnceFound(`http://127.0.0.1:${port}/editions/almaty-2018/entries/1`, 5000);
    expect(entry.status).toBe(200);
    expect(await entry.json()).toMatchObject({ bib: '1', lastName: 'Krasilov' });
  });
});
