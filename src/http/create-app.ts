import { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../app.module';
import { AppConfig } from '../config';
import { HttpOperations } from '../operations/operations.module';
import { answerUnparsableRequests } from './error-body';
import { requestBodies } from './request-body';
import { RouteParamsPipe } from './route-params.pipe';
import { validationPipe } from './validation';

/** The app as main.ts serves it and the e2e tests drive it: same module, pipes and OpenAPI document. */
export const createApp = async (config: AppConfig, logger: LoggerService | false = false): Promise<INestApplication> => {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger, bufferLogs: logger !== false, bodyParser: false });
  // Given a logger, the app logs as JSON lines through pino at LOG_LEVEL, like its request log.
  if (logger !== false) app.useLogger(app.get(Logger));
  // Correlation id, security headers and the request log come first, so that every answer has them.
  app.use(...app.get(HttpOperations).middleware);
  app.use(requestBodies());
  answerUnparsableRequests(app.getHttpServer());
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
