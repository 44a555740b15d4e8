import { DynamicModule, Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppConfig } from '../config';
import { correlationIdOf } from './correlation-id';
import { RateLimiter, RateLimitGuard } from './rate-limit';
import { requestLogger, rootLogger } from './request-logging';
import { securityHeaders } from './security-headers';

/** What createApp puts in front of everything else (body parsing included), so that every answer has it. */
export class HttpOperations {
  constructor(readonly middleware: RequestHandler[]) {}
}

/**
 * Operations: the request's correlation id, security headers, JSON request and application logs
 * (nestjs-pino at LOG_LEVEL), and the rate limiter behind @RateLimited. Global, so that a controller of
 * any module can be rate-limited without importing it.
 */
@Global()
@Module({})
export class OperationsModule {
  static forRoot(config: AppConfig): DynamicModule {
    const logger = rootLogger(config.logLevel ?? 'info');
    const correlate = (request: Request, response: Response, next: NextFunction) => {
      correlationIdOf(request, response);
      next();
    };
    return {
      module: OperationsModule,
      imports: [
        // The request logger runs as app.use() middleware (HttpOperations), ahead of body parsing, so that
        // even a refused body is logged; nestjs-pino only binds it to each request for the app's own logs.
        LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true }),
      ],
      providers: [
        { provide: HttpOperations, useValue: new HttpOperations([correlate, securityHeaders(), requestLogger(logger)]) },
        { provide: RateLimiter, useValue: new RateLimiter(config.rateLimits) },
        RateLimitGuard,
      ],
      exports: [RateLimiter, RateLimitGuard],
    };
  }
}
