import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureBuilt } = require(join(root, 'scripts', 'run-built.js')) as {
  ensureBuilt: (options: { root: string; entry: string; build?: (root: string) => void }) => boolean;
};

/** A project of one source file, with the real run-built script and the real compiler. */
const project = () => {
  const dir = mkdtempSync(join(tmpdir(), 'race-run-built-'));
  mkdirSync(join(dir, 'scripts'));
  mkdirSync(join(dir, 'src', 'tools'), { recursive: true });
  copyFileSync(join(root, 'scripts', 'run-built.js'), join(dir, 'scripts', 'run-built.js'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(
    join(dir, 'tsconfig.build.json'),
    JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'ES2022', outDir: './dist', rootDir: './src', types: [] }, include: ['src/**/*.ts'] }),
  );
  writeFileSync(join(dir, 'src', 'tools', 'echo.cli.ts'), "declare const process: { argv: string[] };\nconsole.log(JSON.stringify({ version: 1, args: process.argv.slice(2) }));\n");
  return dir;
};

const run = (dir: string, args: string[]) => spawnSync(process.execPath, [join(dir, 'scripts', 'run-built.js'), 'dist/tools/echo.cli.js', ...args], { cwd: dir, encoding: 'utf8' });

/** Sets a file's modification time `seconds` from now. */
const touch = (file: string, seconds: number) => {
  const at = new Date(Date.now() + seconds * 1000);
  utimesSync(file, at, at);
};

describe('npm run <cli>: builds dist/ only when a source is newer than it', () => {
  it('builds when the entry is missing or older than a source, and not otherwise', () => {
    const dir = project();
    const builds: string[] = [];
    const build = (at: string) => {
      builds.push(at);
      mkdirSync(join(at, 'dist', 'tools'), { recursive: true });
      writeFileSync(join(at, 'dist', 'tools', 'echo.cli.js'), '');
    };
    expect(ensureBuilt({ root: dir, entry: 'dist/tools/echo.cli.js', build })).toBe(true);
    expect(ensureBuilt({ root: dir, entry: 'dist/tools/echo.cli.js', build })).toBe(false);
    touch(join(dir, 'src', 'tools', 'echo.cli.ts'), 5);
    expect(ensureBuilt({ root: dir, entry: 'dist/tools/echo.cli.js', build })).toBe(true);
    touch(join(dir, 'tsconfig.build.json'), 10);
    expect(ensureBuilt({ root: dir, entry: 'dist/tools/echo.cli.js', build })).toBe(true);
    expect(builds).toEqual([dir, dir, dir]);
  });

  it('compiles once, then runs the built entry straight away with its arguments', () => {
    const dir = project();
    const first = run(dir, ['--help']);
    expect(first.stderr).toMatch(/building dist\/ \.\.\./);
    expect(JSON.parse(first.stdout)).toEqual({ version: 1, args: ['--help'] });
    expect(first.status).toBe(0);

    const started = Date.now();
    const again = run(dir, ['--edition=almaty-2018', '--mode', 'x']);
    expect(again.stderr).toBe('');
    expect(JSON.parse(again.stdout)).toEqual({ version: 1, args: ['--edition=almaty-2018', '--mode', 'x'] });
    expect(Date.now() - started).toBeLessThan(5000);

    // A changed source is compiled before it runs.
    const source = join(dir, 'src', 'tools', 'echo.cli.ts');
    writeFileSync(source, readFileSync(source, 'utf8').replace('version: 1', 'version: 2'));
    touch(source, 5);
    const changed = run(dir, []);
    expect(changed.stderr).toMatch(/building dist\//);
    expect(JSON.parse(changed.stdout)).toEqual({ version: 2, args: [] });
  });

  it('is what package.json runs for start and every CLI', () => {
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    for (const name of ['seed', 'replay', 'register:csv', 'archive:export', 'archive:import', 'import:results', 'bench', 'docs:events']) {
      expect(scripts[name]).toMatch(/^node scripts\/run-built\.js dist\/\S+\.js$/);
    }
    expect(readFileSync(join(root, 'scripts', 'start.js'), 'utf8')).toMatch(/require\('\.\/run-built'\)\.runBuilt\('dist\/main\.js'/);
  });
});
