/**
 * The event-store port. Its semantics are EventStoreDB's, so that the embedded SQLite store and the
 * production EventStoreDB cluster are interchangeable behind it (one contract suite runs against both).
 *
 * Revisions and positions are JavaScript numbers: a log would need 2^53 events (or bytes, for
 * EventStoreDB's commit positions) to exceed them; the EventStoreDB adapter refuses such a value rather
 * than round it.
 */

/** Who did it, why, and what caused it: carried by every event, never taken from a request body. */
export interface EventMetadata {
  actor: { id: string; role: string };
  reason?: string;
  correlationId: string;
  causationId?: string;
  /** Business time: when it happened in the world (a read's crossing time, a payment's value date). */
  occurredAt: string;
  /** Schema version of `data` for this event type; a changed meaning is a new version, never an edit. */
  schemaVersion: number;
}

export interface NewEvent<Data = unknown> {
  /** A UUID. Appending an event id the stream already holds is a no-op (idempotent retries). */
  id: string;
  type: string;
  data: Data;
  metadata: EventMetadata;
}

export interface RecordedEvent<Data = unknown> extends NewEvent<Data> {
  streamId: string;
  /** 0-based position of the event in its stream. */
  revision: number;
  /** Position in the global log ($all): strictly increasing in append order. */
  position: number;
  /** When the store recorded it (ISO-8601 UTC). */
  recordedAt: string;
}

/**
 * `any`: no check; `no_stream`: the stream must not exist; `stream_exists`: it must exist;
 * a number: the revision of the stream's last event must be exactly this.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendResult {
  /** Revision of the stream's last event after the append: pass it as the next expectedRevision. */
  nextExpectedRevision: number;
  /** Global position of the last event of this append. */
  position: number;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the first event forwards and the last event backwards. */
  fromRevision?: number;
  maxCount?: number;
}

export interface LogFilter {
  streamPrefixes?: string[];
  eventTypes?: string[];
}

export interface ReadAllOptions {
  /** Exclusive: events after this position. Omitted: from the start of the log. */
  after?: number;
  filter?: LogFilter;
  maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: the subscription delivers events after it, then follows live appends. */
  after?: number;
  filter?: LogFilter;
}

/** A catch-up subscription: iterate it to receive events in log order; close it to stop. */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

/** One stream's part of a group of appends. */
export interface StreamAppend {
  streamId: string;
  events: NewEvent[];
  expectedRevision: ExpectedRevision;
}

export interface EventStore {
  appendToStream(
    streamId: string,
    events: NewEvent[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;
  /**
   * Several appends, each to its own stream at its own expected revision, each succeeding or failing on
   * its own (a WrongExpectedVersionError in its place): a group commit where the store has one (one
   * SQLite transaction for all of them), one append after another where it has not (EventStoreDB).
   */
  appendToStreams(appends: StreamAppend[]): Promise<(AppendResult | WrongExpectedVersionError)[]>;
  /** Throws StreamNotFoundError when the stream has no events. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** The global log in order, lazily paged. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** Position of the last event in the log, or -1 for an empty log. */
  headPosition(): Promise<number>;
  /** Resolves when the store answers (used by /health). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** Revision of the stream's last event, or -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${actual === -1 ? 'no stream' : actual}`);
    this.name = 'WrongExpectedVersionError';
  }
}

export class StreamNotFoundError extends Error {
  constructor(readonly streamId: string) {
    super(`stream ${streamId} not found`);
    this.name = 'StreamNotFoundError';
  }
}

/** Stream names are `category-id`, as EventStoreDB's by-category projection reads them. */
export const streamName = (category: string, ...idParts: string[]): string => {
  if (!/^[a-z][a-zA-Z]*$/.test(category)) throw new Error(`invalid stream category: ${category}`);
  return `${category}-${idParts.join('-')}`;
};

export const matchesFilter = (event: Pick<RecordedEvent, 'streamId' | 'type'>, filter?: LogFilter): boolean =>
  (!filter?.streamPrefixes || filter.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix))) &&
  (!filter?.eventTypes || filter.eventTypes.includes(event.type));
