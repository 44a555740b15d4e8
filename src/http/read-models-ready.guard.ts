import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Request } from 'express';
import { ProjectionRunner } from '../projections/projection-runner';

/** Answered while the read models fold the log after a start: a partial answer would look like the truth. */
export class ReadModelsCatchingUpError extends Error {
  constructor(
    readonly position: number,
    readonly head: number,
  ) {
    super(`the read models are catching up with the log (at position ${position} of ${head}): retry shortly`);
    this.name = 'ReadModelsCatchingUpError';
  }
}

/** Liveness, health and the API description answer at any time; everything else waits for the read models. */
const ALWAYS_ANSWERED = [/^\/health(\/|$)/, /^\/api(-json|\/|$)/];

/**
 * Ready means right: until every read model has folded the log as it stood at start-up, reads would
 * answer from half the log (an edition "not found", 1,508 entrants instead of 14,654) and commands would
 * decide on it, so both answer 503 with Retry-After instead.
 */
@Injectable()
export class ReadModelsReadyGuard implements CanActivate {
  constructor(private readonly runner: ProjectionRunner) {}

  canActivate(context: ExecutionContext): boolean {
    const { path } = context.switchToHttp().getRequest<Request>();
    if (ALWAYS_ANSWERED.some((pattern) => pattern.test(path))) return true;
    const { ready, position, head } = this.runner.readiness();
    if (!ready) throw new ReadModelsCatchingUpError(position, head);
    return true;
  }
}
