import { CommandContext } from '../decider/command-context';
import { readStreamOrEmpty, toNewEvent } from '../decider/handle-command';
import { ESDB_MAX_APPEND_SIZE, splitBySize } from '../event-store/esdb/esdb-limits';
import { EventStore, streamName, WrongExpectedVersionError } from '../event-store/event-store';
import { ArchiveImported } from './archive-events';
import { Archive, ArchivedEvent } from './archive-format';

export interface ImportReport {
  editionId: string;
  events: number;
  streams: number;
  appended: number;
  /** Events the store held already (an earlier or interrupted import of the same archive). */
  alreadyPresent: number;
  /** Streams the store holds with other events than the archive's: nothing is imported when there is one. */
  conflicts: string[];
}

export const archiveStream = (editionId: string) => streamName('archive', editionId);

/** The same archive always gets the same event id, so importing it again appends nothing. */
const importEventId = (sha256: string): string =>
  `${sha256.slice(0, 8)}-${sha256.slice(8, 12)}-5${sha256.slice(13, 16)}-8${sha256.slice(17, 20)}-${sha256.slice(20, 32)}`;

/**
 * How much of each stream the store already holds: the archive's first events, id for id (nothing to
 * append for them), or something else (a conflict, reported before anything is written).
 */
const presentInStore = async (store: EventStore, byStream: Map<string, ArchivedEvent[]>) => {
  const present = new Map<string, number>();
  const conflicts: string[] = [];
  for (const [streamId, archived] of byStream) {
    const stored = new Map((await readStreamOrEmpty(store, streamId)).map((event) => [event.revision, event]));
    // By revision, not by index: a stream whose first readable revision is not 0 still lines up.
    const clash = archived.find((event) => stored.has(event.revision) && stored.get(event.revision)!.id !== event.id);
    if (clash) {
      const mine = stored.get(clash.revision)!;
      conflicts.push(`${streamId}: revision ${clash.revision} is ${mine.type} ${mine.id} in this store, ${clash.type} ${clash.id} in the archive`);
    }
    present.set(streamId, [...stored.keys()].reduce((last, revision) => Math.max(last, revision), -1));
  }
  return { present, conflicts };
};

/** Consecutive events of one stream, in log order: each becomes one append at the revision it had. */
const runsOf = (events: ArchivedEvent[]): ArchivedEvent[][] =>
  events.reduce<ArchivedEvent[][]>((runs, event) => {
    const last = runs[runs.length - 1];
    if (last && last[0]!.streamId === event.streamId) last.push(event);
    else runs.push([event]);
    return runs;
  }, []);

/**
 * Appends an archive's events to the store with their ids, streams, revisions and metadata, in the
 * archive's (log) order so that projections fold them as they were folded. Each append expects the
 * revision before its first event: a re-import re-appends nothing and a store that holds other events
 * in one of the streams is reported instead of being written to. Finally ArchiveImported records who
 * imported which archive.
 */
export const importArchive = async (
  store: EventStore,
  { manifest, events }: Archive,
  context: CommandContext,
  onEvent: (done: number, total: number) => void = () => undefined,
  /** Bytes per append (EventStoreDB's MaxAppendSize, counted as the server counts it): longer runs go as several appends. */
  options: { maxAppendSize?: number } = {},
): Promise<ImportReport> => {
  const byStream = new Map<string, ArchivedEvent[]>();
  for (const event of events) {
    const stream = byStream.get(event.streamId) ?? byStream.set(event.streamId, []).get(event.streamId)!;
    stream.push(event);
  }
  const { present, conflicts } = await presentInStore(store, byStream);
  const report: ImportReport = {
    editionId: manifest.editionId,
    events: events.length,
    streams: byStream.size,
    appended: 0,
    alreadyPresent: 0,
    conflicts,
  };
  if (conflicts.length > 0) return report;

  const missing = events.filter((event) => event.revision > present.get(event.streamId)!);
  report.alreadyPresent = events.length - missing.length;
  // A run longer than one append allows goes as consecutive appends, each at the exact revision the
  // previous one ended on: never `any`, whose idempotence a restarted EventStoreDB node has forgotten.
  const parts = runsOf(missing).flatMap((run) => splitBySize(run, options.maxAppendSize ?? ESDB_MAX_APPEND_SIZE));
  for (const part of parts) {
    const { streamId, revision } = part[0]!;
    try {
      await store.appendToStream(
        streamId,
        part.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })),
        { expectedRevision: revision === 0 ? 'no_stream' : revision - 1 },
      );
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      report.conflicts.push(`${streamId}: another writer appended to it during the import (${error.message}); run it again to finish`);
      return report;
    }
    report.appended += part.length;
    onEvent(report.appended, missing.length);
  }

  const { editionId, sha256, streams, types, exportedAt } = manifest;
  const imported: ArchiveImported = { type: 'ArchiveImported', data: { editionId, sha256, events: manifest.events, streams, types, exportedAt } };
  const record = toNewEvent(imported, context, importEventId(sha256));
  const recorded = await readStreamOrEmpty(store, archiveStream(editionId));
  if (recorded.some((event) => event.id === record.id)) return report;
  await store.appendToStream(archiveStream(editionId), [record], {
    expectedRevision: recorded.at(-1)?.revision ?? 'no_stream',
  });
  return report;
};
