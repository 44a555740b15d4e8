import 'reflect-metadata';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { AppConfig, ConfigError, loadConfig } from './config';
import { openEventStore } from './event-store/event-store.module';
import { DamagedEventLogError } from './event-store/sqlite/event-log-integrity';
import { DataDirInUseError, holdServerLock } from './event-store/sqlite/server-lock';
import { createApp } from './http/create-app';

/**
 * Done before Nest starts, so that a refusal is a message and exit 1 rather than Nest aborting on a failed
 * provider: this server alone holds DATA_DIR, and the embedded log opens (and so passes its checks).
 */
const claimDataDir = async (config: AppConfig): Promise<void> => {
  mkdirSync(config.dataDir, { recursive: true });
  const lock = holdServerLock(config.dataDir);
  // Also keeps the lock's connection referenced for as long as the process runs.
  process.on('exit', () => lock.release());
  if (!config.eventStoreConnectionString) await (await openEventStore(config)).close();
};

const exitWith = (code: number, message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};

const loadConfigOrExit = (): AppConfig => {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return exitWith(2, error.message);
  }
};

const bootstrap = async () => {
  const config = loadConfigOrExit();
  try {
    await claimDataDir(config);
  } catch (error) {
    if (!(error instanceof DataDirInUseError || error instanceof DamagedEventLogError)) throw error;
    exitWith(1, error.message);
  }
  const app = await createApp(config, new ConsoleLogger({ json: true }));
  await app.listen(config.port);
  new Logger('Main').log(`serving on port ${config.port}; OpenAPI at /api (document /api-json)`);
};

void bootstrap();
