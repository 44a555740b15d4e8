import {
  AllStreamResolvedEvent,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  ReadPosition,
  START,
  StreamNotFoundError as EsdbStreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
} from '@eventstore/db-client';
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
import { resilientSubscription } from './resilient-subscription';

const READ_ALL_PAGE_SIZE = 1000;
/** headPosition looks back this many events at a time for the newest one that is not a system event. */
const HEAD_SEARCH_PAGE_SIZE = 32;

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

  async appendToStream(
    streamId: string,
    events: NewEvent[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    const result = await this.client
      .appendToStream(streamId, events.map(toEventData), { expectedRevision: toExpectedRevision(expected) })
      .catch((error: unknown) => {
        if (!(error instanceof EsdbWrongExpectedVersionError)) throw error;
        const actual = error.actualVersion === NO_STREAM ? -1 : toPortRevision(error.actualVersion);
        throw new WrongExpectedVersionError(streamId, expected, actual);
      });
    const nextExpectedRevision = toPortRevision(result.nextExpectedRevision);
    const position = result.position
      ? toPortPosition(result.position)
      : await this.positionOfRevision(streamId, nextExpectedRevision);
    return { nextExpectedRevision, position };
  }

  /** Some EventStoreDB versions answer an idempotent re-append without a position: read the event's own. */
  private async positionOfRevision(streamId: string, revision: number): Promise<number> {
    const [event] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    if (!event) throw new Error(`stream ${streamId} has no event at revision ${revision} after appending it`);
    return event.position;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const read = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision),
      maxCount: options.maxCount,
    });
    try {
      return (await collect(read)).flatMap(({ event }) => (event ? [toRecordedEvent(event)] : []));
    } catch (error) {
      if (error instanceof EsdbStreamNotFoundError) throw new StreamNotFoundError(streamId);
      throw error;
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

  async headPosition(): Promise<number> {
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
