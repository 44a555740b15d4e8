import { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from '../app.module';
import { AppConfig } from '../config';
import { RouteParamsPipe } from './route-params.pipe';
import { validationPipe } from './validation';

/** The app as main.ts serves it and the e2e tests drive it: same module, pipes and OpenAPI document. */
export const createApp = async (config: AppConfig, logger: LoggerService | false = false): Promise<INestApplication> => {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger, bodyParser: false });
  // A mat's backlog of thousands of reads, or a whole registration CSV, is far above express's 100 kB default.
  app.useBodyParser('json', { limit: '25mb' });
  app.useBodyParser('text', { type: ['text/csv', 'text/plain'], limit: '25mb' });
  app.useGlobalPipes(new RouteParamsPipe(), validationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Race management backend')
      .setDescription('Event-sourced race management: editions, registration, timing, results, adjudication, prizes, charity, replay')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api', app, document, { jsonDocumentUrl: 'api-json' });
  return app;
};
