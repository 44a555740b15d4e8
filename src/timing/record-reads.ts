import { createHash } from 'node:crypto';
import { CommandContext } from '../decider/command-context';
import { handleCommand, retryOnConflict } from '../decider/handle-command';
import { EditionView, gunTimeFor } from '../editions/editions.projection';
import { EventStore, streamName } from '../event-store/event-store';
import { EditionRegistrations } from '../registration/registrations.projection';
import { entryStream } from '../registration/register-runner';
import { toUtcInstant } from '../time/instant';
import { crossingDecider, ReadRejected, TimingRead } from './crossing';
import { unmatchedReadDecider } from './unmatched-read';

export interface IncomingRead {
  readId: string;
  chipId?: string;
  bib?: string;
  pointId: string;
  lap?: number;
  time: string;
}

export type ReadStatus = 'accepted' | 'duplicate' | 'unmatched' | 'flagged' | 'rejected';

export interface ReadOutcome {
  readId: string;
  status: ReadStatus;
  bib?: string;
  reason?: string;
  /** Log position of what the read appended, if anything. */
  position?: number;
}

export const unmatchedStream = (editionId: string) => streamName('unmatched', editionId);

/**
 * The same read on the same stream always gets the same event id, so a resend racing the original is
 * idempotent in the store too, not only in the entry's own record of read ids. (An unmatched read later
 * assigned to a runner lands on a second stream, with an id of its own.)
 */
const eventIdFor = (streamId: string, readId: string): string => {
  const hex = createHash('sha256').update(`read:${streamId}:${readId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/**
 * The embedded store answers synchronously, so a batch of thousands of reads would hold the event loop
 * until it is done; yielding every few dozen reads lets a single read from the finish laptop through.
 */
const YIELD_EVERY_READS = 50;

/**
 * Records a batch of timing reads, one by one in time order: a mat that reconnects sends its backlog
 * in one batch, possibly interleaved with reads already sent. Each read gets its own outcome.
 */
export const recordReads = async (
  store: EventStore,
  edition: EditionView,
  registrations: EditionRegistrations | undefined,
  reads: IncomingRead[],
  context: CommandContext,
): Promise<ReadOutcome[]> => {
  const outcomes: ReadOutcome[] = new Array(reads.length);
  const timed = reads.map((read, index) => ({ read, index, time: normalisedTime(read) }));
  const inTimeOrder = [...timed].sort((a, b) => (a.time ?? '').localeCompare(b.time ?? ''));
  for (const [done, { read, index, time }] of inTimeOrder.entries()) {
    outcomes[index] = await recordRead(store, edition, registrations, read, time, context);
    if (done % YIELD_EVERY_READS === YIELD_EVERY_READS - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  return outcomes;
};

const normalisedTime = (read: IncomingRead): string | undefined => {
  try {
    return toUtcInstant(read.time);
  } catch {
    return undefined;
  }
};

/** What a read would do to the runner it names, or why it names none: decided, not yet appended. */
const recordRead = async (
  store: EventStore,
  edition: EditionView,
  registrations: EditionRegistrations | undefined,
  read: IncomingRead,
  time: string | undefined,
  context: CommandContext,
  options: { dryRun?: boolean } = {},
): Promise<ReadOutcome> => {
  const { readId } = read;
  if (!time) return { readId, status: 'rejected', reason: `time ${read.time} is not an ISO-8601 instant with an offset` };
  if (read.chipId === undefined && read.bib === undefined) {
    return { readId, status: 'rejected', reason: 'the read names neither a chip nor a bib' };
  }
  const bib = read.chipId !== undefined ? ownEntry(registrations?.byChip, read.chipId) : read.bib;
  const runner = bib !== undefined ? ownEntry(registrations?.byBib, bib) : undefined;
  if (!bib || !runner) return keepUnmatched(store, edition.editionId, read, time, context, options);
  const race = edition.races.find((candidate) => candidate.raceId === runner.raceId);
  if (!race) return { readId, status: 'rejected', reason: `race ${runner.raceId} of bib ${bib} is not in the edition` };

  const timingRead: TimingRead = { readId, pointId: read.pointId, time, ...(read.lap !== undefined && { lap: read.lap }) };
  const gunTime = gunTimeFor(race, runner.wave);
  const command = { type: 'RecordRead' as const, editionId: edition.editionId, bib, read: timingRead, race, ...(gunTime && { gunTime }) };
  const stream = entryStream(edition.editionId, bib);
  try {
    const { events, position } = await retryOnConflict(() =>
      handleCommand(store, stream, crossingDecider, command, context, { ...options, eventId: () => eventIdFor(stream, readId) }),
    );
    const flagged = events.find((event) => event.type === 'ReadFlagged');
    if (events.length === 0) return { readId, bib, status: 'duplicate' };
    return flagged?.type === 'ReadFlagged'
      ? { readId, bib, status: 'flagged', reason: flagged.data.reasons.join('; '), position }
      : { readId, bib, status: 'accepted', position };
  } catch (error) {
    if (error instanceof ReadRejected) return { readId, bib, status: 'rejected', reason: error.message };
    throw error;
  }
};

/** Read models are plain objects keyed by what a mat sends: only an own entry is a registration. */
const ownEntry = <T>(record: Record<string, T> | undefined, key: string): T | undefined =>
  record && Object.hasOwn(record, key) ? record[key] : undefined;

const keepUnmatched = async (
  store: EventStore,
  editionId: string,
  read: IncomingRead,
  time: string,
  context: CommandContext,
  options: { dryRun?: boolean },
): Promise<ReadOutcome> => {
  const reason = read.chipId !== undefined ? `chip ${read.chipId} is not registered` : `bib ${read.bib} is not registered`;
  const data = {
    editionId,
    readId: read.readId,
    pointId: read.pointId,
    time,
    reason,
    ...(read.chipId !== undefined && { chipId: read.chipId }),
    ...(read.bib !== undefined && { bib: read.bib }),
    ...(read.lap !== undefined && { lap: read.lap }),
  };
  const stream = unmatchedStream(editionId);
  const kept = await retryOnConflict(() =>
    handleCommand(store, stream, unmatchedReadDecider, { type: 'KeepUnmatched', data }, context, {
      ...options,
      eventId: () => eventIdFor(stream, read.readId),
    }),
  );
  return kept.events.length === 0
    ? { readId: read.readId, status: 'duplicate', reason: `already kept as unmatched: ${reason}` }
    : { readId: read.readId, status: 'unmatched', reason, position: kept.position };
};

/**
 * What recording this read would do now, without recording it: an organiser assigning an unmatched read
 * learns that it cannot be a crossing of that runner before the assignment is made.
 */
export const previewRead = (
  store: EventStore,
  edition: EditionView,
  registrations: EditionRegistrations | undefined,
  read: IncomingRead,
  context: CommandContext,
): Promise<ReadOutcome> => recordRead(store, edition, registrations, read, normalisedTime(read), context, { dryRun: true });
