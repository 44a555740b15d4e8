import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { EventStore } from '../event-store/event-store';
import { EVENT_STORE } from '../event-store/event-store.module';
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

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
  ) {}

  @Get()
  @ApiOperation({ summary: '200 when the store answers and every projection runs; 503 with the reason otherwise' })
  async health(@Res() response: Response): Promise<void> {
    const storeError = await withTimeout(this.store.ping(), PING_TIMEOUT_MS).then(
      () => undefined,
      (error: Error) => error.message,
    );
    const projections = this.runner.status();
    const healthy = storeError === undefined && projections.running;
    response.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({
      status: healthy ? 'ok' : 'unavailable',
      store: storeError === undefined ? { status: 'ok', head: await this.store.headPosition() } : { status: 'down', error: storeError },
      projections,
    });
  }
}
