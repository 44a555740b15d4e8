import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { EventStore } from '../event-store/event-store';
import { EVENT_STORE } from '../event-store/event-store.module';
import { StoreUnavailableError } from '../event-store/sqlite/storage-faults';
import { ProjectionRunner } from '../projections/projection-runner';

/** A node that accepts connections but never answers must still make /health answer, with 503. */
const PING_TIMEOUT_MS = 3000;

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the event store did not answer within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });

/** A store that reads but refuses writes (a full disk) is told apart from one that does not answer. */
const storeDown = (error: Error) =>
  error instanceof StoreUnavailableError
    ? { status: 'unwritable', reason: error.reason, error: error.message }
    : { status: 'down', error: error.message };

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: 200 while the process runs, whatever the store and read models do' })
  live(): { status: 'live' } {
    return { status: 'live' };
  }

  @Get()
  @ApiOperation({
    summary:
      '200 when the store answers and every read model has caught up; 503 with {status: "catching-up", position, head} while they fold the log after a start, or naming what failed (a store that cannot write, read-model snapshots that cannot be saved)',
  })
  async health(@Res() response: Response): Promise<void> {
    const readiness = this.runner.readiness();
    if (!readiness.ready) {
      response.status(HttpStatus.SERVICE_UNAVAILABLE).setHeader('Retry-After', '2').json({ status: 'catching-up', position: readiness.position, head: readiness.head });
      return;
    }
    const storeError = await withTimeout(this.store.ping(), PING_TIMEOUT_MS).then(
      () => undefined,
      (error: Error) => error,
    );
    const projections = this.runner.status();
    const healthy = storeError === undefined && projections.running && !projections.saveFailure;
    response.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({
      status: healthy ? 'ok' : 'unavailable',
      store: storeError === undefined ? { status: 'ok', head: await this.store.headPosition() } : storeDown(storeError),
      projections,
    });
  }
}
