import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';

/** An event as the test server keeps it: the fields EventStoreDB's gRPC API returns. */
export interface LoggedEvent {
  id: string;
  streamId: string;
  revision: number;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
  /** Log position; EventStoreDB reports it as both commit and prepare position of a non-transactional event. */
  position: number;
  created: Date;
}

export type ProposedEvent = Pick<LoggedEvent, 'id' | 'type' | 'contentType' | 'data' | 'customMetadata'>;

/** EventStoreDB's expected-version forms, as the Append and BatchAppend options carry them. */
export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | number;

/**
 * An idempotent repeat carries no position: EventStoreDB's write path has long answered it without a
 * log position (newer versions add one), and the client then reports none.
 */
export type AppendOutcome =
  | { result: 'written'; currentRevision: number; position?: number }
  | { result: 'idempotent'; currentRevision: number }
  | { result: 'wrong_expected_version'; currentRevision: number };

/**
 * Every log record costs this much beyond its payload, so positions are byte offsets that skip ahead
 * the way EventStoreDB's do, never 0, 1, 2: an adapter that confused positions with counts would show.
 */
const RECORD_OVERHEAD_BYTES = 96;

/**
 * The transaction log of the test server: survives server restarts (it lives outside the gRPC server)
 * and applies EventStoreDB's write rules, including its idempotence check on event ids.
 */
export class EventLog {
  private readonly events: LoggedEvent[] = [];
  private readonly streams = new Map<string, LoggedEvent[]>();
  private nextPosition = RECORD_OVERHEAD_BYTES;
  /** Emits 'append' after every write of at least one event: live subscriptions wait on it. */
  readonly appended = new EventEmitter();

  constructor() {
    this.appended.setMaxListeners(0);
  }

  /** A node writes an epoch record on every start: system events are part of any real $all. */
  writeEpoch(): void {
    const epoch = this.streams.get('$epoch-information')?.length ?? 0;
    this.append('$epoch-information', 'any', [
      {
        id: randomUUID(),
        type: '$epoch-information',
        contentType: 'application/json',
        data: Buffer.from(JSON.stringify({ epochNumber: epoch })),
        customMetadata: new Uint8Array(),
      },
    ]);
  }

  append(streamId: string, expected: ExpectedVersion, proposed: ProposedEvent[]): AppendOutcome {
    const stream = this.streams.get(streamId) ?? [];
    const decision = decide(stream, expected, proposed);
    if (decision !== 'write') return decision;
    const current = stream.length - 1;
    const written = proposed.map((event, index) => this.record({ ...event, streamId, revision: current + 1 + index }));
    if (written.length > 0) {
      this.streams.set(streamId, stream);
      stream.push(...written);
      this.appended.emit('append');
    }
    return { result: 'written', currentRevision: current + written.length, position: written.at(-1)?.position };
  }

  private record(event: Omit<LoggedEvent, 'position' | 'created'>): LoggedEvent {
    const logged: LoggedEvent = { ...event, position: this.nextPosition, created: new Date() };
    this.nextPosition += RECORD_OVERHEAD_BYTES + Buffer.byteLength(event.streamId) + Buffer.byteLength(event.type) +
      event.data.length + event.customMetadata.length;
    this.events.push(logged);
    return logged;
  }

  /** undefined when the stream has no events: EventStoreDB answers StreamNotFound. */
  stream(streamId: string): readonly LoggedEvent[] | undefined {
    return this.streams.get(streamId);
  }

  all(): readonly LoggedEvent[] {
    return this.events;
  }

  /** Index of the first event at or after the position (the log's length when there is none). */
  indexAtOrAfter(position: number): number {
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.events[middle]!.position < position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Where a read may start: the start of the log, an event, or the end of the log. */
  isRecordBoundary(position: number): boolean {
    return (
      position === 0 ||
      position === this.nextPosition ||
      this.events[this.indexAtOrAfter(position)]?.position === position
    );
  }
}

/**
 * EventStoreDB's commit check: an expected version that lags the stream is first tried as a retry of
 * events already written at those revisions (idempotent success), and only then refused; with `any`
 * the event ids alone decide. A batch that is partly written already is refused (corrupted idempotency).
 */
const decide = (
  stream: LoggedEvent[],
  expected: ExpectedVersion,
  proposed: ProposedEvent[],
): 'write' | Exclude<AppendOutcome, { result: 'written' }> => {
  const current = stream.length - 1;
  const refused = { result: 'wrong_expected_version', currentRevision: current } as const;
  if (expected === 'stream_exists' && current === -1) return refused;
  if (expected === 'any' || expected === 'stream_exists') {
    const first = proposed[0];
    if (!first || !stream.some((event) => event.id === first.id)) return 'write';
    const stored = proposed.map((event) => stream.find((candidate) => candidate.id === event.id));
    const last = stored[stored.length - 1];
    return stored.every(Boolean) && last ? { result: 'idempotent', currentRevision: last.revision } : refused;
  }
  const expectedRevision = expected === 'no_stream' ? -1 : expected;
  if (expectedRevision === current) return 'write';
  if (expectedRevision > current) return refused;
  const retried = proposed.every((event, index) => stream[expectedRevision + 1 + index]?.id === event.id);
  return retried ? { result: 'idempotent', currentRevision: expectedRevision + proposed.length } : refused;
};
