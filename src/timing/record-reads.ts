import { createHash } from 'node:crypto';
import { CommandContext } from '../decider/command-context';
import { foldStream, readStreamOrEmpty, toNewEvent } from '../decider/handle-command';
import { EditionView, gunTimeFor } from '../editions/editions.projection';
import { EventStore, streamName, WrongExpectedVersionError } from '../event-store/event-store';
import { EditionRegistrations } from '../registration/registrations.projection';
import { entryStream } from '../registration/register-runner';
import { toUtcInstant } from '../time/instant';
import { crossingDecider, ReadRejected, TimingRead } from './crossing';
import { ReadUnmatched } from './timing-events';

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

const MAX_ATTEMPTS = 5;

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

const recordRead = async (
  store: EventStore,
  edition: EditionView,
  registrations: EditionRegistrations | undefined,
  read: IncomingRead,
  time: string | undefined,
  context: CommandContext,
): Promise<ReadOutcome> => {
  const { readId } = read;
  if (!time) return { readId, status: 'rejected', reason: `time ${read.time} is not an ISO-8601 instant with an offset` };
  if (read.chipId === undefined && read.bib === undefined) {
    return { readId, status: 'rejected', reason: 'the read names neither a chip nor a bib' };
  }
  const bib = read.chipId !== undefined ? registrations?.byChip[read.chipId] : read.bib;
  const runner = bib !== undefined ? registrations?.byBib[bib] : undefined;
  if (!bib || !runner) return recordUnmatched(store, edition.editionId, read, time, context);
  const race = edition.races.find((candidate) => candidate.raceId === runner.raceId);
  if (!race) return { readId, status: 'rejected', reason: `race ${runner.raceId} of bib ${bib} is not in the edition` };

  const timingRead: TimingRead = { readId, pointId: read.pointId, time, ...(read.lap !== undefined && { lap: read.lap }) };
  const gunTime = gunTimeFor(race, runner.wave);
  const command = { type: 'RecordRead' as const, editionId: edition.editionId, bib, read: timingRead, race, ...(gunTime && { gunTime }) };
  const stream = entryStream(edition.editionId, bib);
  for (let attempt = 1; ; attempt++) {
    const history = await readStreamOrEmpty(store, stream);
    let events: ReturnType<typeof crossingDecider.decide>;
    try {
      events = crossingDecider.decide(command, foldStream(crossingDecider, history));
    } catch (error) {
      if (error instanceof ReadRejected) return { readId, bib, status: 'rejected', reason: error.message };
      throw error;
    }
    if (events.length === 0) return { readId, bib, status: 'duplicate' };
    try {
      const appended = await store.appendToStream(
        stream,
        events.map((event) => toNewEvent(event, context, eventIdFor(stream, readId))),
        { expectedRevision: history.length === 0 ? 'no_stream' : history[history.length - 1]!.revision },
      );
      const flagged = events.find((event) => event.type === 'ReadFlagged');
      return flagged?.type === 'ReadFlagged'
        ? { readId, bib, status: 'flagged', reason: flagged.data.reasons.join('; '), position: appended.position }
        : { readId, bib, status: 'accepted', position: appended.position };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt === MAX_ATTEMPTS) throw error;
    }
  }
};

const recordUnmatched = async (
  store: EventStore,
  editionId: string,
  read: IncomingRead,
  time: string,
  context: CommandContext,
): Promise<ReadOutcome> => {
  const reason = read.chipId !== undefined ? `chip ${read.chipId} is not registered` : `bib ${read.bib} is not registered`;
  const event: ReadUnmatched = {
    type: 'ReadUnmatched',
    data: {
      editionId,
      readId: read.readId,
      pointId: read.pointId,
      time,
      reason,
      ...(read.chipId !== undefined && { chipId: read.chipId }),
      ...(read.bib !== undefined && { bib: read.bib }),
      ...(read.lap !== undefined && { lap: read.lap }),
    },
  };
  const stream = unmatchedStream(editionId);
  const appended = await store.appendToStream(stream, [toNewEvent(event, context, eventIdFor(stream, read.readId))]);
  return { readId: read.readId, status: 'unmatched', reason, position: appended.position };
};
