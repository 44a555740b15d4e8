import { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppConfig } from '../../src/config';
import { createApp } from '../../src/http/create-app';

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
