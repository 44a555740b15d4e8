import { Logger } from '@nestjs/common';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { AccessDeniedError, AllStreamRecordedEvent, AllStreamSubscription } from '@eventstore/db-client';
import { RecordedEvent, Subscription } from '../event-store';
import { toPortPosition } from './esdb-conversions';
import { EventStoreAccessDeniedError } from './esdb-errors';

const RESUBSCRIBE_DELAY_MS = { first: 100, max: 5_000 };

/**
 * Whether a failed call is worth making again. A dropped connection, a restarting node, a consumer the
 * server judged too slow, a node answering NotReady or NotLeader during a failover, or the client's
 * discovery finding no leader while a cluster elects one ("Failed to discover after N attempts", a plain
 * Error) all pass. What never heals by waiting does not: access denied (wrong or missing credentials),
 * a position the server refuses (INVALID_ARGUMENT), or one this adapter refuses to round (RangeError).
 */
export const isRetriable = (error: unknown): boolean =>
  !(error instanceof AccessDeniedError) &&
  !(error instanceof RangeError) &&
  (error as { code?: unknown } | undefined)?.code !== GrpcStatus.INVALID_ARGUMENT &&
  (error as { code?: unknown } | undefined)?.code !== GrpcStatus.PERMISSION_DENIED &&
  (error as { code?: unknown } | undefined)?.code !== GrpcStatus.UNAUTHENTICATED;

export interface ResilientSubscriptionOptions {
  /** Exclusive $all position to start after; undefined for the start of the log. */
  after: number | undefined;
  /** Opens a server-side catch-up subscription delivering the events after `after`. */
  subscribe(after: number | undefined): AllStreamSubscription;
  /** The port's event, or undefined for an event the port does not deliver (system, outside the filter). */
  toEvent(event: AllStreamRecordedEvent): RecordedEvent | undefined;
  onClosed(): void;
}

/**
 * A catch-up subscription that outlives its gRPC call. When the call ends, with an error that may heal
 * (see isRetriable) or without one, it resubscribes, with exponential backoff, after the last event it received; events at or before that
 * position are dropped, so nothing is delivered twice and nothing after it is skipped.
 */
export const resilientSubscription = (options: ResilientSubscriptionOptions): Subscription => {
  const logger = new Logger('EsdbSubscription');
  let closed = false;
  let current: AllStreamSubscription | undefined;
  let wake: (() => void) | undefined;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function* events(): AsyncGenerator<RecordedEvent> {
    let checkpoint = options.after;
    let failures = 0;
    try {
      while (!closed) {
        const server = options.subscribe(checkpoint);
        current = server;
        server.once('confirmation', () => (failures = 0));
        let dropped: unknown = 'the server ended the subscription';
        try {
          for await (const { event } of server) {
            if (!event) continue;
            const position = toPortPosition(event.position);
            if (checkpoint !== undefined && position <= checkpoint) continue;
            checkpoint = position;
            const delivered = options.toEvent(event);
            if (delivered) yield delivered;
            if (closed) return;
          }
        } catch (error) {
          if (closed) return;
          if (!isRetriable(error)) throw error instanceof AccessDeniedError ? new EventStoreAccessDeniedError('subscribing to $all') : error;
          dropped = error;
        } finally {
          current = undefined;
          // A call that never started (discovery found no leader) rejects its unsubscribe with the same error.
          await server.unsubscribe().catch(() => undefined);
        }
        if (closed) return;
        const delay = Math.min(RESUBSCRIBE_DELAY_MS.first * 2 ** failures, RESUBSCRIBE_DELAY_MS.max);
        failures += 1;
        logger.warn(
          `$all subscription dropped (${dropped instanceof Error ? dropped.message : String(dropped)}); ` +
            `resubscribing after position ${checkpoint ?? 'start'} in ${delay} ms`,
        );
        await pause(delay);
      }
    } finally {
      closed = true;
      options.onClosed();
    }
  }

  const iterator = events();
  return {
    [Symbol.asyncIterator]: () => iterator,
    close: async () => {
      closed = true;
      options.onClosed();
      wake?.();
      await current?.unsubscribe().catch(() => undefined);
    },
  };
};
