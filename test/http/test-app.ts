import { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppConfig } from '../../src/config';
import { EventStore } from '../../src/event-store/event-store';
import { EVENT_STORE } from '../../src/event-store/event-store.module';
import { createApp } from '../../src/http/create-app';
import { foldLog } from '../../src/projections/fold-log';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { readModels } from '../../src/projections/read-models';
import { stateToJson } from '../../src/projections/state-json';

export const TOKENS = {
  organiser: 'organiser-test-token',
  timing: 'timing-test-token',
  finance: 'finance-test-token',
} as const;

export type TestApp = {
  app: INestApplication;
  dataDir: string;
  http: () => ReturnType<typeof request>;
  as: (role: keyof typeof TOKENS) => { Authorization: string };
  close: () => Promise<void>;
};

/** The real app on a fresh data directory (or the one given, to test restarts), tokens for each role. */
export const startTestApp = async (overrides: Partial<AppConfig> = {}): Promise<TestApp> => {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'race-e2e-'));
  const app = await createApp({
    port: 0,
    dataDir,
    apiTokens: Object.entries(TOKENS).map(([role, token]) => ({ role: role as keyof typeof TOKENS, token })),
    // No request log in the test output (LOG_LEVEL=info shows it).
    logLevel: (process.env.LOG_LEVEL || 'silent') as AppConfig['logLevel'],
    ...overrides,
  });
  await app.init();
  return {
    app,
    dataDir,
    http: () => request(app.getHttpServer()),
    as: (role) => ({ Authorization: `Bearer ${TOKENS[role]}` }),
    close: () => app.close(),
  };
};

/** Every read model rebuilt from zero over the same log equals the live one, byte for byte. */
export const expectRebuildsEqualLive = async (t: TestApp) => {
  const runner = t.app.get(ProjectionRunner);
  const store = t.app.get<EventStore>(EVENT_STORE);
  await runner.waitFor(await store.headPosition());
  for (const projection of readModels) {
    const rebuilt = await foldLog(store, projection);
    expect({ [projection.name]: stateToJson(rebuilt.state) }).toEqual({ [projection.name]: stateToJson(runner.state(projection.name)) });
  }
};
