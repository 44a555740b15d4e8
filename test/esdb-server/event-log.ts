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
  | { result: 'wrong_expected_version'; currentRevision: number }
  | { result: 'stream_deleted' };

/**
 * Every log record costs this much beyond its payload, so positions are byte offsets that skip ahead
 * the way EventStoreDB's do, never 0, 1, 2: an adapter that confused positions with counts would show.
 */
const RECORD_OVERHEAD_BYTES = 96;

/**
 * What one event counts towards the maximum append size, as EventStoreDB counts it
 * (`Event.SizeOnDisk`: data bytes + metadata bytes + the type's length in UTF-16 code units times 2).
 */
export const sizeOnDisk = (event: Pick<ProposedEvent, 'type' | 'data' | 'customMetadata'>): number =>
  event.data.length + event.customMetadata.length + event.type.length * 2;

/** A stream's metadata as far as the test server models it: `$tb`, soft delete and tombstone. */
interface StreamMeta {
  /** `$tb`: events before this revision are no longer readable (they stay in $all). */
  truncateBefore: number;
  /** Soft-deleted: reads answer StreamNotFound until the next append recreates the stream. */
  softDeleted: boolean;
  /** Hard-deleted: reads and appends answer StreamDeleted, for ever. */
  tombstoned: boolean;
}

/**
 * The transaction log of the test server: survives server restarts (it lives outside the gRPC server)
 * and applies EventStoreDB's write rules, including its idempotence check on event ids.
 */
export class EventLog {
  private readonly events: LoggedEvent[] = [];
  /** Every event of each stream by revision (index = revision), readable or not. */
  private readonly streams = new Map<string, LoggedEvent[]>();
  private readonly metas = new Map<string, StreamMeta>();
  /**
   * The index writer's `_committedEvents`: a bounded in-memory cache of event id -> stream and revision,
   * the only thing `any` and `stream_exists` appends are checked against for idempotence. It is lost
   * when the node restarts (forgetCommittedEvents), so a repeat with `any` after a restart writes again.
   */
  private committedEvents = new Map<string, { streamId: string; revision: number }>();
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

  /** A restart empties the in-memory caches: the log and the index stay. */
  forgetCommittedEvents(): void {
    this.committedEvents = new Map();
  }

  append(streamId: string, expected: ExpectedVersion, proposed: ProposedEvent[]): AppendOutcome {
    const stream = this.streams.get(streamId) ?? [];
    const meta = this.metas.get(streamId);
    const decision = decide(streamId, stream, meta, expected, proposed, this.committedEvents);
    if (decision !== 'write') return decision;
    const current = stream.length - 1;
    const written = proposed.map((event, index) => this.record({ ...event, streamId, revision: current + 1 + index }));
    if (written.length > 0) {
      this.streams.set(streamId, stream);
      stream.push(...written);
      for (const event of written) this.committedEvents.set(event.id, { streamId, revision: event.revision });
      // Appending to a soft-deleted stream recreates it from the new events on (the server writes $tb).
      if (meta?.softDeleted) this.metas.set(streamId, { ...meta, softDeleted: false, truncateBefore: current + 1 });
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

  /** `$tb` in the stream's metadata: what a scavenge or `$maxCount` leaves readable. */
  truncateBefore(streamId: string, revision: number): void {
    const meta = this.metas.get(streamId) ?? { truncateBefore: 0, softDeleted: false, tombstoned: false };
    this.metas.set(streamId, { ...meta, truncateBefore: revision });
  }

  /** `DeleteStream`: the stream reads as not found; an append with no_stream, any or its last revision recreates it. */
  softDelete(streamId: string): void {
    const meta = this.metas.get(streamId) ?? { truncateBefore: 0, softDeleted: false, tombstoned: false };
    this.metas.set(streamId, { ...meta, softDeleted: true, truncateBefore: this.streams.get(streamId)?.length ?? 0 });
  }

  /** `TombstoneStream`: the stream name is dead for ever. */
  tombstone(streamId: string): void {
    const meta = this.metas.get(streamId) ?? { truncateBefore: 0, softDeleted: false, tombstoned: false };
    this.metas.set(streamId, { ...meta, tombstoned: true });
  }

  /**
   * The readable events of a stream (from its `$tb` on), 'deleted' for a tombstoned stream, undefined
   * when it has none: EventStoreDB answers StreamNotFound.
   */
  stream(streamId: string): readonly LoggedEvent[] | 'deleted' | undefined {
    const meta = this.metas.get(streamId);
    if (meta?.tombstoned) return 'deleted';
    const events = this.streams.get(streamId);
    const readable = meta ? events?.slice(meta.truncateBefore) : events;
    return readable?.length ? readable : undefined;
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
 * EventStoreDB's commit check (IndexWriter.CheckCommit): a tombstoned stream is refused; `any` and
 * `stream_exists` are checked for idempotence against the in-memory committed-events cache only; an
 * exact expected version that lags the stream is first tried as a retry of events already written at
 * those revisions (read from the index, so it survives restarts), and only then refused. A batch that is
 * partly written already is refused (corrupted idempotency). `no_stream` on a soft-deleted stream writes.
 */
const decide = (
  streamId: string,
  stream: LoggedEvent[],
  meta: StreamMeta | undefined,
  expected: ExpectedVersion,
  proposed: ProposedEvent[],
  committed: ReadonlyMap<string, { streamId: string; revision: number }>,
): 'write' | Exclude<AppendOutcome, { result: 'written' }> => {
  if (meta?.tombstoned) return { result: 'stream_deleted' };
  const current = stream.length - 1;
  const refused = { result: 'wrong_expected_version', currentRevision: current } as const;
  if (expected === 'stream_exists' && meta?.softDeleted) return { result: 'stream_deleted' };
  if (expected === 'stream_exists' && current === -1) return refused;
  if (expected === 'any' || expected === 'stream_exists') {
    const stored = proposed.map((event) => committed.get(event.id)).map((hit) => (hit?.streamId === streamId ? hit : undefined));
    if (!stored[0]) return 'write';
    const last = stored[stored.length - 1];
    return stored.every(Boolean) && last ? { result: 'idempotent', currentRevision: last.revision } : refused;
  }
  const expectedRevision = expected === 'no_stream' ? -1 : expected;
  if (expectedRevision === current) return 'write';
  if (expectedRevision > current) return refused;
  const retried = proposed.every((event, index) => stream[expectedRevision + 1 + index]?.id === event.id);
  if (retried && proposed.length > 0) return { result: 'idempotent', currentRevision: expectedRevision + proposed.length };
  if (expected === 'no_stream' && meta?.softDeleted) return 'write';
  return refused;
};
