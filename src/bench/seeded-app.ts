import { ChildProcess, fork } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '../config';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store';
import { loadSeedEdition } from '../seeds/load-seeds';
import { readNamePools, readSeedFacts } from '../seeds/seed-facts';
import { planSeedEdition, SeedPlan } from '../seeds/seed-plan';
import { unexpectedReads } from '../seeds/seed-summary';
import type { FromAppProcess, ToAppProcess } from './app-process';
import { note } from './benchmark';
import { BenchClient } from './http-client';

/** The file the app's embedded store opens in its DATA_DIR (event-store.module.ts). */
const EVENTS_FILE = 'events.sqlite';

const plans = new Map<string, SeedPlan>();

/** The seed loader's plan of an edition at a scale: deterministic, so made once per run and shared. */
export const seedPlan = (editionId: string, scale: number): SeedPlan => {
  const key = `${editionId}@${scale}`;
  let plan = plans.get(key);
  if (!plan) {
    plan = planSeedEdition(readSeedFacts(editionId), readNamePools(), { scale });
    plans.set(key, plan);
  }
  return plan;
};

export interface SeedLoad {
  /** Loaded in this order, as `npm run seed` does: oldest first. */
  editions: readonly string[];
  scale: number;
  /** False: everything the seed loader loads but the timing reads (the editions up to their guns). */
  reads: boolean;
}

/** Logs already loaded in this run, closed and ready to copy: loading one is tens of seconds at full scale. */
let loadedLogs: { directory: string; byLoad: Map<string, string> } | undefined;

const loadedLogsDirectory = () => {
  if (!loadedLogs) {
    const directory = mkdtempSync(join(tmpdir(), 'race-bench-seeds-'));
    process.once('exit', () => rmSync(directory, { recursive: true, force: true }));
    loadedLogs = { directory, byLoad: new Map() };
  }
  return loadedLogs;
};

const describe = ({ editions, scale, reads }: SeedLoad) => `${editions.join(' + ')} at scale ${scale}${reads ? '' : ' without reads'}`;

/** The store file and its WAL companions, if any are left. */
const copyLog = (from: string, to: string) => {
  mkdirSync(to, { recursive: true });
  for (const file of readdirSync(from).filter((name) => name.startsWith(EVENTS_FILE))) copyFileSync(join(from, file), join(to, file));
};

/**
 * Puts the seed editions' log into `dataDir` as the app's embedded store, loaded through the seed loader
 * (the commands the API runs). A load done earlier in this run is copied rather than loaded again.
 */
export const loadSeededDataDir = async (benchmark: string, dataDir: string, load: SeedLoad): Promise<void> => {
  const logs = loadedLogsDirectory();
  const key = describe(load);
  let loaded = logs.byLoad.get(key);
  if (!loaded) {
    loaded = mkdtempSync(join(logs.directory, 'load-'));
    note(benchmark, `loading ${key} through the seed loader (once per run)`);
    const store = new SqliteEventStore(join(loaded, EVENTS_FILE));
    try {
      for (const plan of load.editions.map((editionId) => seedPlan(editionId, load.scale))) {
        const report = await loadSeedEdition(store, load.reads ? plan : { ...plan, readBatches: [] });
        if (unexpectedReads(report) > 0) throw new Error(`${unexpectedReads(report)} seed reads of ${plan.editionId} were not accepted as crossings or resends`);
        note(benchmark, `  ${plan.editionId}: ${report.eventsAppended.toLocaleString('en-US')} events in ${report.seconds.toFixed(1)} s`);
      }
    } finally {
      await store.close();
    }
    logs.byLoad.set(key, loaded);
  }
  copyLog(loaded, dataDir);
};

export interface RunningApp {
  port: number;
  /** Seconds from starting the app's process to its read models having folded the whole log. */
  startSeconds: number;
  close(): Promise<void>;
}

/** Nothing in a benchmark's app should take this long to start, fold the seed log, or close. */
const START_TIMEOUT_MS = 600_000;
const CLOSE_TIMEOUT_MS = 60_000;
const CATCH_UP_POLL_MS = 100;

interface Health {
  store: { head?: number };
  projections: { running: boolean; position: number; projections: { name: string; failure?: string }[] };
}

/** The next message of the app's process, or its exit, whichever comes first. */
const nextMessage = (child: ChildProcess, timeoutMs: number): Promise<FromAppProcess> =>
  new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: FromAppProcess) => (done(), resolve(message));
    const onExit = (code: number | null) => (done(), reject(new Error(`the app's process exited (${code})`)));
    const timer = setTimeout(() => (done(), reject(new Error(`the app's process did not answer in ${timeoutMs} ms`))), timeoutMs);
    child.on('message', onMessage);
    child.on('exit', onExit);
  });

const stopProcess = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.send({ type: 'close' } satisfies ToAppProcess);
  const timer = setTimeout(() => child.kill('SIGKILL'), CLOSE_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
};

/** Polls /health until every read model has folded the log up to the store's head. */
const caughtUp = async (port: number, deadline: number): Promise<void> => {
  const client = new BenchClient(port);
  try {
    for (;;) {
      const answer = await client.get('/health').catch((error: Error) => {
        // 503 catching-up is the app saying it folds the log still: wait for it, as a client would.
        if (error.message.includes('"catching-up"') && performance.now() <= deadline) return undefined;
        throw error;
      });
      if (!answer) {
        await new Promise((resolve) => setTimeout(resolve, CATCH_UP_POLL_MS));
        continue;
      }
      const health = JSON.parse(answer.body) as Health;
      const failure = health.projections.projections.find((projection) => projection.failure);
      if (failure) throw new Error(`projection ${failure.name} failed: ${failure.failure}`);
      if (health.projections.running && health.projections.position === health.store.head) return;
      if (performance.now() > deadline) throw new Error(`the read models did not catch up with the log in ${START_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, CATCH_UP_POLL_MS));
    }
  } finally {
    client.close();
  }
};

/**
 * The real app (`createApp`, then `listen`) on DATA_DIR's embedded store, in a process of its own
 * (app-process.ts) and on 127.0.0.1 only. Resolves once every read model has folded the whole log, so
 * nothing timed waits on start-up.
 */
export const startApp = async (benchmark: string, dataDir: string, apiTokens: AppConfig['apiTokens'] = []): Promise<RunningApp> => {
  const started = performance.now();
  const child = fork(join(__dirname, 'app-process.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const listening = nextMessage(child, START_TIMEOUT_MS);
    child.send({ type: 'start', config: { port: 0, dataDir, apiTokens, logLevel: 'error' } } satisfies ToAppProcess);
    const message = await listening;
    if (message.type !== 'listening') throw new Error(`the app did not start: ${message.type === 'failed' ? message.error : message.type}`);
    await caughtUp(message.port, started + START_TIMEOUT_MS);
    const startSeconds = (performance.now() - started) / 1000;
    note(benchmark, `app (pid ${child.pid}) on 127.0.0.1:${message.port}, read models caught up in ${startSeconds.toFixed(1)} s`);
    return { port: message.port, startSeconds, close: () => stopProcess(child) };
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
};
