import {
  AccessDeniedError,
  AllStreamResolvedEvent,
  BACKWARDS,
  DeadlineExceededError,
  END,
  EventStoreDBClient,
  FORWARDS,
  MaxAppendSizeExceededError,
  NO_STREAM,
  NotLeaderError,
  ReadPosition,
  START,
  StreamDeletedError,
  StreamNotFoundError as EsdbStreamNotFoundError,
  TimeoutError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
} from '@eventstore/db-client';
import { Logger } from '@nestjs/common';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  matchesFilter,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  StreamNotFoundError,
  SubscribeOptions,
  Subscription,
  WrongExpectedVersionError,
} from '../event-store';
import {
  isSystemEvent,
  toEventData,
  toExpectedRevision,
  toPortPosition,
  toPortRevision,
  toReadPosition,
  toRecordedEvent,
  toServerFilter,
} from './esdb-conversions';
import { AppendTooLargeError, EventStoreAccessDeniedError, StreamTombstonedError } from './esdb-errors';
import { esdbSizeOnDisk } from './esdb-limits';
import { isRetriable, resilientSubscription } from './resilient-subscription';

const READ_ALL_PAGE_SIZE = 1000;
/** headPosition looks back this many events at a time for the newest one that is not a system event. */
const HEAD_SEARCH_PAGE_SIZE = 32;

/** An append that timed out is tried again this many times, with the same event ids at the same expected revision. */
const APPEND_TIMEOUT_RETRIES = 3;
/** headPosition (what start-up and read-your-writes wait on) rides out an election: about 15 s in all. */
const HEAD_RETRY_DELAYS_MS = [100, 200, 400, 800, 1_600, 3_200, 5_000, 5_000];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};

/**
 * The production adapter: an EventStoreDB node or cluster through its gRPC client. Revisions and
 * positions cross the port as numbers (see event-store.ts); $all positions are commit positions.
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<Subscription>();
  private readonly logger = new Logger('EsdbEventStore');

  constructor(connectionString: string) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  /** EventStoreDB commits one stream per append: the group goes as one append after another. */
  async appendToStreams(appends: StreamAppend[]): Promise<(AppendResult | WrongExpectedVersionError)[]> {
    const results: (AppendResult | WrongExpectedVersionError)[] = [];
    for (const { streamId, events, expectedRevision } of appends) {
      try {
        results.push(await this.appendToStream(streamId, events, { expectedRevision }));
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        results.push(error);
      }
    }
    return results;
  }

  /**
   * Appends with requiresLeader (a follower answers NotLeader instead of forwarding; the client then
   * reconnects to the leader it names, and the append is sent once more). An append with an exact
   * expected revision (a number or no_stream) that ends in a timeout or deadline is sent again with the
   * same event ids and revision: EventStoreDB's commit check answers a repeat of written events as
   * idempotent, so it is written once whatever became of the first attempt. `any` is never retried, as
   * its idempotence rests on an in-memory cache the server may have lost.
   */
  async appendToStream(
    streamId: string,
    events: NewEvent[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    const exact = expected !== 'any' && expected !== 'stream_exists';
    const data = events.map(toEventData);
    const append = () =>
      this.onLeader(() => this.client.appendToStream(streamId, data, { expectedRevision: toExpectedRevision(expected), requiresLeader: true }));
    let result: Awaited<ReturnType<typeof append>>;
    for (let attempt = 0; ; attempt++) {
      try {
        result = await append();
        break;
      } catch (error) {
        const timedOut = error instanceof TimeoutError || error instanceof DeadlineExceededError;
        if (timedOut && exact && attempt < APPEND_TIMEOUT_RETRIES) {
          this.logger.warn(`append to ${streamId} timed out (${(error as Error).message || (error as Error).constructor.name}); sending the same events again at revision ${String(expected)}`);
          continue;
        }
        if (error instanceof EsdbWrongExpectedVersionError) {
          const actual = error.actualVersion === NO_STREAM ? -1 : toPortRevision(error.actualVersion);
          throw new WrongExpectedVersionError(streamId, expected, actual);
        }
        if (error instanceof MaxAppendSizeExceededError) {
          throw new AppendTooLargeError(streamId, events.reduce((total, event) => total + esdbSizeOnDisk(event), 0), error.maxAppendSize);
        }
        throw this.portError(error, streamId);
      }
    }
    const nextExpectedRevision = toPortRevision(result.nextExpectedRevision);
    const position = result.position
      ? toPortPosition(result.position)
      : await this.positionOfRevision(streamId, nextExpectedRevision);
    return { nextExpectedRevision, position };
  }

  /** NotLeader: the client has switched to the leader it named; the call is made once more there. */
  private async onLeader<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof NotLeaderError)) throw error;
      this.logger.warn(`not the leader (${error.message}); retrying on ${error.leader.address}:${error.leader.port}`);
      return call();
    }
  }

  private portError(error: unknown, streamId?: string): unknown {
    if (error instanceof StreamDeletedError && streamId !== undefined) return new StreamTombstonedError(streamId);
    if (error instanceof AccessDeniedError) return new EventStoreAccessDeniedError(streamId ? `stream ${streamId}` : '$all');
    return error;
  }

  /** Some EventStoreDB versions answer an idempotent re-append without a position: read the event's own. */
  private async positionOfRevision(streamId: string, revision: number): Promise<number> {
    const [event] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    if (!event) throw new Error(`stream ${streamId} has no event at revision ${revision} after appending it`);
    return event.position;
  }

  /** From the leader (requiresLeader): what a command decides on must include every acknowledged write. */
  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const read = () =>
      collect(
        this.client.readStream(streamId, {
          direction: backwards ? BACKWARDS : FORWARDS,
          fromRevision: options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision),
          maxCount: options.maxCount,
          requiresLeader: true,
        }),
      );
    try {
      return (await this.onLeader(read)).flatMap(({ event }) => (event ? [toRecordedEvent(event)] : []));
    } catch (error) {
      if (error instanceof EsdbStreamNotFoundError) throw new StreamNotFoundError(streamId);
      throw this.portError(error, streamId);
    }
  }

  /**
   * Pages through $all. The client cannot send a server-side filter on reads (only on subscriptions),
   * so the filter is applied here; system events are skipped.
   */
  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let from = toReadPosition(options.after);
    // $all reads include the event at their start position; the port's `after` excludes it.
    let lastSeen = options.after ?? -1;
    while (remaining > 0) {
      const page = await collect(this.client.readAll({ fromPosition: from, maxCount: READ_ALL_PAGE_SIZE }));
      for (const { event } of page) {
        if (!event) continue;
        const position = toPortPosition(event.position);
        if (position <= lastSeen) continue;
        lastSeen = position;
        if (isSystemEvent(event) || !matchesFilter(event, options.filter)) continue;
        yield toRecordedEvent(event);
        remaining -= 1;
        if (remaining === 0) return;
      }
      const last = page[page.length - 1]?.event;
      if (page.length < READ_ALL_PAGE_SIZE || !last) return;
      from = last.position;
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const filter = toServerFilter(options.filter);
    const subscription = resilientSubscription({
      after: options.after !== undefined && options.after >= 0 ? options.after : undefined,
      subscribe: (after) => this.client.subscribeToAll({ fromPosition: toReadPosition(after), filter }),
      toEvent: (event) =>
        isSystemEvent(event) || !matchesFilter(event, options.filter) ? undefined : toRecordedEvent(event),
      onClosed: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  /**
   * Retried with backoff while the error is one a failover or restart produces (a node down, an
   * election, discovery finding no leader yet): start-up and read-your-writes wait on it.
   */
  async headPosition(): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.readHeadPosition();
      } catch (error) {
        const delay = HEAD_RETRY_DELAYS_MS[attempt];
        if (delay === undefined || !isRetriable(error)) throw this.portError(error);
        this.logger.warn(`reading the head of $all failed (${(error as Error).message}); retrying in ${delay} ms`);
        await sleep(delay);
      }
    }
  }

  /**
   * Start-up check: the node lets this connection read $all. AccessDenied stops the start with a clear
   * message; anything else (a node not up yet) is left to the retries of headPosition and the subscription.
   */
  async verifyAccess(): Promise<void> {
    try {
      await collect(this.client.readAll({ maxCount: 1 }));
    } catch (error) {
      if (error instanceof AccessDeniedError) throw new EventStoreAccessDeniedError('reading $all');
    }
  }

  private async readHeadPosition(): Promise<number> {
    let from: ReadPosition = END;
    for (;;) {
      const page: AllStreamResolvedEvent[] = await collect(
        this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: HEAD_SEARCH_PAGE_SIZE }),
      );
      const newest = page.find(({ event }) => event && !isSystemEvent(event))?.event;
      if (newest) return toPortPosition(newest.position);
      const oldest = page[page.length - 1]?.event;
      if (page.length < HEAD_SEARCH_PAGE_SIZE || !oldest) return -1;
      // A backwards read excludes the event at its start position.
      from = oldest.position;
    }
  }

  async ping(): Promise<void> {
    await collect(this.client.readAll({ maxCount: 1 }));
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }
}
