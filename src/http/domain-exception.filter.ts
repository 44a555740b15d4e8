import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { Response } from 'express';
import { ConflictError, DomainError, NotFoundError, RuleViolationError } from '../decider/domain-errors';
import { WrongExpectedVersionError } from '../event-store/event-store';
import { StoreUnavailableError } from '../event-store/sqlite/storage-faults';
import { ProjectionNotCaughtUpError } from '../projections/projection-runner';
import { RecordedNotYetReadableError } from './command-sender';
import { ErrorBody } from './error-body';
import { ReadModelsCatchingUpError } from './read-models-ready.guard';

const statusOf = (error: Error): HttpStatus => {
  if (error instanceof NotFoundError) return HttpStatus.NOT_FOUND;
  if (error instanceof ConflictError || error instanceof WrongExpectedVersionError) return HttpStatus.CONFLICT;
  if (error instanceof RuleViolationError) return HttpStatus.BAD_REQUEST;
  if (error instanceof RecordedNotYetReadableError) return HttpStatus.ACCEPTED;
  return HttpStatus.SERVICE_UNAVAILABLE;
};

/** Typed domain errors become HTTP answers here, and only here. */
@Catch(DomainError, WrongExpectedVersionError, ProjectionNotCaughtUpError, RecordedNotYetReadableError, ReadModelsCatchingUpError, StoreUnavailableError)
export class DomainExceptionFilter implements ExceptionFilter {
  catch(error: Error, host: ArgumentsHost): void {
    const status = statusOf(error);
    const body: ErrorBody = { statusCode: status, error: error.name, message: error.message };
    if (error instanceof DomainError && error.details) body.details = error.details;
    if (error instanceof RecordedNotYetReadableError) body.position = error.position;
    if (error instanceof WrongExpectedVersionError) {
      body.message = `${error.streamId} changed since it was read (now at revision ${error.actual}); read it again and retry`;
      body.currentRevision = error.actual;
    }
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof ReadModelsCatchingUpError) {
      Object.assign(body, { status: 'catching-up', position: error.position, head: error.head });
      response.setHeader('Retry-After', '2');
    }
    if (error instanceof StoreUnavailableError) {
      body.reason = error.reason;
      // Freeing disk space takes an operator, not a moment.
      response.setHeader('Retry-After', '30');
    }
    response.status(status).json(body);
  }
}
