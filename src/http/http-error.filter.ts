import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { Response } from 'express';
import { errorBodyOf } from './error-body';

/**
 * Every error the DomainExceptionFilter does not map (validation, auth, unknown routes, bodies refused
 * by size or type, failures) answered in the same body as a domain error. Nest tries the filter
 * registered last first, so this one is registered before the domain filter.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const body = errorBodyOf(error);
    if (body.statusCode >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    const response = host.switchToHttp().getResponse<Response>();
    // A stream (the live feed) may fail after it began: its status is sent, so the connection just ends.
    if (response.headersSent) response.end();
    else response.status(body.statusCode).json(body);
  }
}
