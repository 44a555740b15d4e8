import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

export type ServerProcess = {
  child: ChildProcess;
  /** Resolves once it serves, rejects if it exits first. */
  serving: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  stderr: () => string;
  stdout: () => string;
};

/** `node dist/main.js` as an operator starts it, but from the TypeScript sources (tests have no build). */
export const startServer = (env: Record<string, string>): ServerProcess => {
  const child = spawn(process.execPath, ['-r', join(root, 'test/event-store/fixtures/register-ts.js'), join(root, 'src/main.ts')], {
    cwd: root,
    env: { ...process.env, API_TOKENS: '', EVENTSTORE_CONNECTION_STRING: '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  // 'close', not 'exit': by then all of stderr has been read.
  const exited = once(child, 'close').then(([code, signal]) => ({ code, signal, stderr }));
  const serving = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', () => stdout.includes('serving on port') && resolve());
    void exited.then(({ code }) => reject(new Error(`the server exited (${code}) before serving:\n${stderr}`)));
  });
  // Awaited only by the tests that expect it to serve.
  serving.catch(() => undefined);
  return { child, serving, exited, stderr: () => stderr, stdout: () => stdout };
};

/** Starts a server that must refuse to start: its exit code and stderr, or a failure if it serves instead. */
export const refusedStart = async (env: Record<string, string>) => {
  const server = startServer(env);
  const outcome = await Promise.race([server.exited, server.serving.then(() => undefined)]);
  if (outcome) return outcome;
  await stopServer(server);
  throw new Error('the server started instead of refusing to');
};

/** Ends a server this test started, and waits until it is gone. */
export const stopServer = async (server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM') => {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill(signal);
  await server.exited;
};

/** A port nobody listens on right now, for a server whose port the test must know. */
export const freePort = async (): Promise<number> => {
  const server = createServer().listen(0);
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
};
