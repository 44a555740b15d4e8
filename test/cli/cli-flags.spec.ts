import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlags, UsageError } from '../../src/cli/cli-session';
import { planRaceDay } from '../http/race-day-fixtures';
import { startTestApp } from '../http/test-app';
import { runCli } from './run-cli';

const OPTIONS = { edition: { type: 'string' }, file: { type: 'string' }, mode: { type: 'string' }, verify: { type: 'boolean' }, projection: { type: 'string', multiple: true } } as const;

const usageError = (args: string[]): string => {
  try {
    parseFlags(args, OPTIONS);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`${args.join(' ')} was accepted`);
};

describe('command-line flags (node:util parseArgs, strict)', () => {
  it('reads --name value, --name=value, booleans and repeated options', () => {
    expect(parseFlags(['--edition', 'almaty-2018', '--file=runners.csv', '--verify', '--projection', 'results', '--projection=charity'], OPTIONS)).toEqual({
      edition: 'almaty-2018',
      file: 'runners.csv',
      verify: true,
      projection: ['results', 'charity'],
    });
    expect(parseFlags(['--edition=-odd-id'], OPTIONS)).toEqual({ edition: '-odd-id' });
    expect(parseFlags(['--help'], OPTIONS)).toEqual({ help: true });
    expect(parseFlags([], OPTIONS)).toEqual({});
  });

  it('refuses what is not an option of the command, with a message that says so', () => {
    expect(usageError(['--mdoe', 'valid-rows-only'])).toBe('unknown option --mdoe (did you mean --mode?); the options are --edition, --file, --mode, --verify, --projection, --help');
    expect(usageError(['--editon=x'])).toMatch(/^unknown option --editon \(did you mean --edition\?\)/);
    expect(usageError(['--zzz'])).toMatch(/^unknown option --zzz; the options are/);
    expect(usageError(['--edition'])).toBe('--edition needs a value');
    expect(usageError(['--edition', '--file', 'x.csv'])).toBe('--edition needs a value (for one that starts with "-", write --edition=VALUE)');
    expect(usageError(['--verify=yes'])).toBe('--verify takes no value');
    expect(usageError(['almaty-2018'])).toMatch(/^unexpected argument almaty-2018: options are named/);
  });

  it('a CLI exits 2 with the message and its usage on a mistyped flag, and takes --flag=value', async () => {
    const t = await startTestApp();
    await planRaceDay(t);
    await t.close();
    const file = join(t.dataDir, 'runners.csv');
    writeFileSync(file, 'bib,chipId,raceId,firstName,lastName,gender,dateOfBirth,country\n1,C1,marathon,Mikhail,Krasilov,M,1990-05-01,KAZ\n');
    const env = { DATA_DIR: t.dataDir };

    const mistyped = runCli('src/registration/register-csv.cli.ts', ['--edition', 'almaty-2018', '--file', file, '--mdoe', 'valid-rows-only'], env);
    expect(mistyped.status).toBe(2);
    expect(mistyped.stderr).toMatch(/^unknown option --mdoe \(did you mean --mode\?\); the options are --edition, --file, --mode, --help\nusage: npm run register:csv/);
    expect(mistyped.stdout).toBe('');

    const registered = runCli('src/registration/register-csv.cli.ts', [`--edition=almaty-2018`, `--file=${file}`, '--mode=valid-rows-only'], env);
    expect(registered.stdout).toMatch(/registered 1 of 1 rows; 0 failed/);
    expect(registered.status).toBe(0);

    for (const [script, args, message] of [
      ['src/seeds/seed.cli.ts', ['--scael', '0.1'], /unknown option --scael \(did you mean --scale\?\)/],
      ['src/replay/cli.ts', ['--verify=yes'], /--verify takes no value/],
      ['src/archive/export.cli.ts', ['--edition', 'x', '--out'], /--out needs a value/],
      ['src/archive/import.cli.ts', ['archive.jsonl'], /unexpected argument archive\.jsonl/],
      ['src/archive/import-results.cli.ts', ['--edition', 'x', '--race', 'y', '--file', file, '--distanse', '10000'], /unknown option --distanse \(did you mean --distance\?\)/],
    ] as const) {
      const refused = runCli(script, [...args], env);
      expect({ script, status: refused.status, stderr: refused.stderr }).toEqual({ script, status: 2, stderr: expect.stringMatching(message) });
    }
  }, 120_000);
});
