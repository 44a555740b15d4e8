import 'reflect-metadata';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config';
import { createApp } from './http/create-app';

const bootstrap = async () => {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  const app = await createApp(config, new ConsoleLogger({ json: true }));
  await app.listen(config.port);
  new Logger('Main').log(`serving on port ${config.port}; OpenAPI at /api (document /api-json)`);
};

void bootstrap();
