import Database from 'better-sqlite3';
import { join } from 'node:path';
import { runCli } from '../cli/run-cli';
import { startTestApp } from '../http/test-app';
import { seedRaceDay } from './replay-fixtures';

const CLI = 'src/replay/cli.ts';

describe('npm run replay', () => {
  it('verifies every read model against a rebuild from the log, names a tampered one, and rewrites it', async () => {
    const t = await startTestApp();
    await seedRaceDay(t);
    await t.close();
    const env = { DATA_DIR: t.dataDir };

    const verified = runCli(CLI, ['--verify'], env);
    expect(verified.stderr).toMatch(/verifying \[#+\] 100% \d+\/\d+ events \d+ events\/s/);
    expect(verified.stdout).toMatch(/^results: matches the live read model \(v2, \d+ events folded up to position \d+\)$/m);
    expect(verified.stdout).toMatch(/all 8 read models match a rebuild from the log/);
    expect(verified.status).toBe(0);

    const db = new Database(join(t.dataDir, 'read-models.sqlite'));
    const { state } = db.prepare<[], { state: string }>("SELECT state FROM projection_snapshots WHERE name = 'charity'").get()!;
    const fund = JSON.parse(state);
    fund['almaty-2018'].donated += 100;
    db.prepare("UPDATE projection_snapshots SET state = ? WHERE name = 'charity'").run(JSON.stringify(fund));
    db.close();

    const tampered = runCli(CLI, ['--verify'], env);
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toMatch(/^charity: DIFFERS from the live read model at position \d+: first difference at almaty-2018\.donated$/m);
    expect(tampered.stdout).toMatch(/1 of 8 read models differ from the log: charity/);

    const only = runCli(CLI, ['--verify', '--projection', 'results', '--projection', 'editions,prize-ledger'], env);
    expect(only.stdout.match(/^[\w-]+: matches/gm)).toEqual(['editions: matches', 'results: matches', 'prize-ledger: matches']);
    expect(only.status).toBe(0);

    const rebuilt = runCli(CLI, ['--projection', 'charity'], env);
    expect(rebuilt.stdout).toMatch(/^charity: rebuilt v1 from \d+ events up to position \d+ and written$/m);
    expect(rebuilt.status).toBe(0);
    expect(runCli(CLI, ['--verify'], env).status).toBe(0);

    const unknown = runCli(CLI, ['--verify', '--projection', 'podium'], env);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown read model podium; the read models are editions, registrations/);
    expect(runCli(CLI, ['--verify'], { DATA_DIR: join(t.dataDir, 'elsewhere') }).stdout).toMatch(/no live read models at .*nothing to verify against/);
  });
});
