import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { dirname } from 'node:path';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  LogFilter,
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
import { isExistingLog, refuseDamagedLog, refuseEmptyLog } from './event-log-integrity';
import { pollingSubscription } from './polling-subscription';
import { describeStorageFault, storageFaultReason, StoreUnavailableError, writeProbeFailure } from './storage-faults';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id    TEXT NOT NULL UNIQUE,
    stream_id   TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    type        TEXT NOT NULL,
    data        TEXT NOT NULL,
    metadata    TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (stream_id, revision)
  );
  CREATE INDEX IF NOT EXISTS events_by_type ON events (type, position);
`;

interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

const PAGE_SIZE = 1000;

const toRecorded = (row: EventRow): RecordedEvent => ({
  id: row.event_id,
  streamId: row.stream_id,
  revision: row.revision,
  position: row.position,
  type: row.type,
  data: JSON.parse(row.data),
  metadata: JSON.parse(row.metadata),
  recordedAt: row.recorded_at,
});

/**
 * The embedded default: one durable SQLite file in WAL mode. An append is one transaction, so a crash
 * mid-append leaves nothing of the batch; the (stream, revision) unique key makes optimistic
 * concurrency hold across processes too (the seed CLI may write while the API serves).
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly appended = new EventEmitter();
  private readonly statements;
  private readonly appendTransaction;
  private readonly groupTransaction;
  /** Why the last append failed on the disk; /health reports it until the disk takes writes again. */
  private writeFault?: StoreUnavailableError;

  constructor(private readonly file: string) {
    const existing = isExistingLog(file);
    if (existing) refuseEmptyLog(file);
    this.db = new Database(file);
    this.db.pragma('busy_timeout = 5000');
    if (existing) this.closeIfThrows(() => refuseDamagedLog(this.db, file));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    this.appended.setMaxListeners(0);
    this.statements = {
      lastRevision: this.db.prepare<[string], { revision: number | null }>(
        'SELECT max(revision) AS revision FROM events WHERE stream_id = ?',
      ),
      byEventId: this.db.prepare<[string], { stream_id: string; revision: number; position: number }>(
        'SELECT stream_id, revision, position FROM events WHERE event_id = ?',
      ),
      insert: this.db.prepare(
        `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
         VALUES (@id, @streamId, @revision, @type, @data, @metadata, @recordedAt)`,
      ),
      head: this.db.prepare<[], { position: number | null }>('SELECT max(position) AS position FROM events'),
      // Prepared once: the command path reads a stream for nearly every command.
      forwards: this.db.prepare<[string, number, number], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?',
      ),
      backwards: this.db.prepare<[string, number, number], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?',
      ),
    };
    this.appendTransaction = this.db.transaction(this.appendBatch.bind(this));
    // Each append runs as a savepoint of the one transaction: a revision conflict undoes that append alone.
    this.groupTransaction = this.db.transaction((appends: StreamAppend[]) =>
      appends.map(({ streamId, events, expectedRevision }) => {
        try {
          return this.appendTransaction(streamId, events, expectedRevision);
        } catch (error) {
          if (error instanceof WrongExpectedVersionError) return error;
          throw error;
        }
      }),
    );
  }

  private closeIfThrows(check: () => void): void {
    try {
      check();
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  async appendToStream(
    streamId: string,
    events: NewEvent[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    let result: AppendResult;
    try {
      result = this.appendTransaction.immediate(streamId, events, options.expectedRevision ?? 'any');
    } catch (error) {
      throw this.asStorageFault(error);
    }
    this.writeFault = undefined;
    this.appended.emit('append');
    return result;
  }

  async appendToStreams(appends: StreamAppend[]): Promise<(AppendResult | WrongExpectedVersionError)[]> {
    let results: (AppendResult | WrongExpectedVersionError)[];
    try {
      results = this.groupTransaction.immediate(appends);
    } catch (error) {
      throw this.asStorageFault(error);
    }
    this.writeFault = undefined;
    if (results.some((result) => !(result instanceof WrongExpectedVersionError))) this.appended.emit('append');
    return results;
  }

  /** The transaction rolled back whatever it had written; a disk fault is remembered for /health. */
  private asStorageFault(error: unknown): unknown {
    const reason = storageFaultReason(error);
    if (!reason) return error;
    this.writeFault = new StoreUnavailableError(
      reason,
      `the event log ${this.file} cannot be written: ${describeStorageFault(reason, error as Error)}; nothing of this write was recorded, reads are still served, retry once the disk is fixed`,
    );
    return this.writeFault;
  }

  private appendBatch(streamId: string, events: NewEvent[], expected: ExpectedRevision): AppendResult {
    const current = this.statements.lastRevision.get(streamId)?.revision ?? -1;
    const alreadyStored = this.alreadyStored(streamId, events, expected, current);
    if (alreadyStored) return alreadyStored;
    if (!revisionMatches(expected, current)) throw new WrongExpectedVersionError(streamId, expected, current);
    const recordedAt = new Date().toISOString();
    let position = -1;
    events.forEach((event, index) => {
      const info = this.statements.insert.run({
        id: event.id,
        streamId,
        revision: current + 1 + index,
        type: event.type,
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata),
        recordedAt,
      });
      position = Number(info.lastInsertRowid);
    });
    return { nextExpectedRevision: current + events.length, position };
  }

  /** EventStoreDB's idempotence: re-appending the very events a stream holds succeeds and writes nothing. */
  private alreadyStored(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
    current: number,
  ): AppendResult | undefined {
    if (events.length === 0) return undefined;
    const stored = events.map((event) => this.statements.byEventId.get(event.id));
    if (stored.every((row) => row === undefined)) return undefined;
    const last = stored[stored.length - 1];
    const wholeBatchInThisStream = stored.every(
      (row, index) => row?.stream_id === streamId && row.revision === stored[0]!.revision + index,
    );
    if (!wholeBatchInThisStream || !last) throw new WrongExpectedVersionError(streamId, expected, current);
    return { nextExpectedRevision: current, position: last.position };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    const rows = (backwards ? this.statements.backwards : this.statements.forwards).all(streamId, from, options.maxCount ?? -1);
    if (rows.length === 0 && this.statements.lastRevision.get(streamId)?.revision == null) {
      throw new StreamNotFoundError(streamId);
    }
    return rows.map(toRecorded);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let after = options.after ?? 0;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const page = this.readPage(after, Math.min(PAGE_SIZE, remaining), options.filter);
      for (const event of page) yield event;
      if (page.length < Math.min(PAGE_SIZE, remaining)) return;
      after = page[page.length - 1]!.position;
      remaining -= page.length;
    }
  }

  /** Reads one page synchronously; the subscription and readAll share it. */
  readPage(after: number, limit: number, filter?: LogFilter): RecordedEvent[] {
    const clauses = ['position > @after'];
    const params: Record<string, unknown> = { after, limit };
    if (filter?.eventTypes) {
      clauses.push(`type IN (${filter.eventTypes.map((_, i) => `@type${i}`).join(', ') || 'NULL'})`);
      filter.eventTypes.forEach((type, i) => (params[`type${i}`] = type));
    }
    if (filter?.streamPrefixes) {
      const prefixClauses = filter.streamPrefixes.map((_, i) => `substr(stream_id, 1, length(@prefix${i})) = @prefix${i}`);
      clauses.push(`(${prefixClauses.join(' OR ') || '0'})`);
      filter.streamPrefixes.forEach((prefix, i) => (params[`prefix${i}`] = prefix));
    }
    return this.db
      .prepare<Record<string, unknown>, EventRow>(
        `SELECT * FROM events WHERE ${clauses.join(' AND ')} ORDER BY position LIMIT @limit`,
      )
      .all(params)
      .map(toRecorded);
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    return pollingSubscription({
      after: options.after ?? 0,
      readPage: (after) => this.readPage(after, PAGE_SIZE, options.filter),
      appended: this.appended,
    });
  }

  async headPosition(): Promise<number> {
    return this.statements.head.get()?.position ?? -1;
  }

  /** Reads answer even on a full disk, so after a failed append the disk itself is asked whether it takes writes again. */
  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
    if (!this.writeFault) return;
    const probeFailure = writeProbeFailure(dirname(this.file));
    if (probeFailure) throw new StoreUnavailableError(this.writeFault.reason, `${this.writeFault.message} (the data directory still refuses writes: ${probeFailure})`);
    this.writeFault = undefined;
  }

  async close(): Promise<void> {
    this.appended.emit('close');
    if (this.db.open) this.db.close();
  }
}

const revisionMatches = (expected: ExpectedRevision, current: number): boolean => {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === -1;
    case 'stream_exists':
      return current !== -1;
    default:
      return expected === current;
  }
};
