import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** Runs a CLI from its TypeScript source (no build needed), as an operator would run it. */
export const runCli = (script: string, args: string[], env: Record<string, string>) => {
  const result = spawnSync(process.execPath, ['-r', join(root, 'test/event-store/fixtures/register-ts.js'), join(root, script), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};
