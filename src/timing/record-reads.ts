import { createHash } from 'node:crypto';
import { CommandContext } from '../decider/command-context';
import { handleCommand, handleCommands, retryOnConflict } from '../decider/handle-command';
import { EditionView, gunTimeFor, RaceView } from '../editions/editions.projection';
import { EventStore, streamName } from '../event-store/event-store';
import { EditionRegistrations } from '../registration/registrations.projection';
import { entryStream } from '../registration/register-runner';
import { toUtcInstant } from '../time/instant';
import { WarmStates } from '../decider/warm-states';
import { EntryTiming, entryTimingDecider, RecordReads, SentRead, verdictsOf } from './entry-timing';
import { ReadUnmatched } from './timing-events';
import { unmatchedReadDecider, UnmatchedReads } from './unmatched-read';

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

/** Each read's outcome, in the order sent, and how many events the batch appended in all. */
export interface RecordedReads {
  outcomes: ReadOutcome[];
  eventsAppended: number;
}

export const unmatchedStream = (editionId: string) => streamName('unmatched', editionId);

/**
 * The same decision on the same revision of a stream always gets the same event ids, so a retried
 * append (a timeout whose first try did land) is a no-op in the store, not a second copy.
 */
const eventIdFor = (streamId: string, key: string): string => {
  const hex = createHash('sha256').update(`read:${streamId}:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** The timing deciders' states between batches: a batch reads only what its streams gained since. */
export interface WarmTiming {
  entries: WarmStates<EntryTiming>;
  unmatched: WarmStates<UnmatchedReads>;
}

export const warmTiming = (): WarmTiming => ({ entries: new WarmStates(), unmatched: new WarmStates(16) });

interface RunnerReads {
  bib: string;
  race: RaceView;
  gunTime?: string;
  reads: { index: number; read: SentRead }[];
}

type Sorted = { runners: Map<string, RunnerReads>; unmatched: { index: number; data: ReadUnmatched['data'] }[] };

/**
 * Records a batch of timing reads: a mat that reconnects sends its backlog in one batch, possibly
 * interleaved with reads already sent. The reads of each runner are decided together on that runner's
 * entry (one append each), from all of the runner's reads, so order and batching change nothing.
 * Each read gets its own outcome.
 */
export const recordReads = async (
  store: EventStore,
  edition: EditionView,
  registrations: EditionRegistrations | undefined,
  reads: IncomingRead[],
  context: CommandContext,
  warm: WarmTiming = warmTiming(),
): Promise<RecordedReads> => {
  const outcomes: ReadOutcome[] = new Array(reads.length);
  const sorted = sortReads(edition, registrations, reads, outcomes);
  const runnersAppended = await recordRunnersReads(store, edition.editionId, [...sorted.runners.values()], context, outcomes, warm.entries);
  const unmatchedAppended =
    sorted.unmatched.length > 0 ? await keepUnmatched(store, edition.editionId, sorted.unmatched, context, outcomes, warm.unmatched) : 0;
  const eventsAppended = runnersAppended + unmatchedAppended;
  return { outcomes, eventsAppended };
};

/** Each read to its runner, to the unmatched reads, or refused with its reason: nothing stored yet. */
const sortReads = (
  edition: EditionView,
  registrations: EditionRegistrations | undefined,
  reads: IncomingRead[],
  outcomes: ReadOutcome[],
): Sorted => {
  const sorted: Sorted = { runners: new Map(), unmatched: [] };
  reads.forEach((read, index) => {
    const { readId } = read;
    const time = normalisedTime(read);
    if (!time) return void (outcomes[index] = { readId, status: 'rejected', reason: `time ${read.time} is not an ISO-8601 instant with an offset` });
    if (read.chipId === undefined && read.bib === undefined) {
      return void (outcomes[index] = { readId, status: 'rejected', reason: 'the read names neither a chip nor a bib' });
    }
    const bib = read.chipId !== undefined ? registrations?.byChip.get(read.chipId) : read.bib;
    const runner = bib !== undefined ? registrations?.byBib.get(bib) : undefined;
    if (!bib || !runner) return void sorted.unmatched.push({ index, data: unmatchedData(edition.editionId, read, time) });
    const race = edition.races.find((candidate) => candidate.raceId === runner.raceId);
    const rejection = race ? rejectionOf(race, read) : `race ${runner.raceId} of bib ${bib} is not in the edition`;
    if (rejection || !race) return void (outcomes[index] = { readId, bib, status: 'rejected', reason: rejection });
    const sent: SentRead = {
      readId,
      pointId: read.pointId,
      time,
      ...(read.lap !== undefined && { lap: read.lap }),
      ...(read.chipId !== undefined && { chipId: read.chipId }),
    };
    const gunTime = gunTimeFor(race, runner.wave);
    const reads = sorted.runners.get(bib)?.reads ?? [];
    if (reads.length === 0) sorted.runners.set(bib, { bib, race, ...(gunTime && { gunTime }), reads });
    reads.push({ index, read: sent });
  });
  return sorted;
};

/** Why a read cannot be a crossing of this race at all, whoever's it is. */
const rejectionOf = (race: RaceView, read: { pointId: string; lap?: number }): string | undefined => {
  const laps = race.timingPoints.filter((point) => point.pointId === read.pointId).map((point) => point.lap);
  if (laps.length === 0) return `timing point ${read.pointId} is not on the course of ${race.raceId}`;
  if (read.lap !== undefined && !laps.includes(read.lap)) return `timing point ${read.pointId} has no lap ${read.lap} in ${race.raceId}`;
  return undefined;
};

/** Every runner's reads decided on their entry, all the appends in one group commit. */
const recordRunnersReads = async (
  store: EventStore,
  editionId: string,
  runners: RunnerReads[],
  context: CommandContext,
  outcomes: ReadOutcome[],
  warm: WarmStates<EntryTiming>,
): Promise<number> => {
  const commands = runners.map((runner): RecordReads => ({
    type: 'RecordReads',
    editionId,
    bib: runner.bib,
    race: runner.race,
    ...(runner.gunTime && { gunTime: runner.gunTime }),
    reads: runner.reads.map(({ read }) => read),
  }));
  const decided = await handleCommands(
    store,
    entryTimingDecider,
    commands.map((command) => ({ streamId: entryStream(editionId, command.bib), command })),
    context,
    { eventId: (stream, index, revision) => eventIdFor(stream, `${revision}:${index}`), warm },
  );
  let appended = 0;
  decided.forEach((outcome, at) => {
    const runner = runners[at]!;
    const verdicts = verdictsOf(outcome.state, commands[at]!);
    runner.reads.forEach(({ index, read }, position) => {
      const verdict = verdicts[position]!;
      outcomes[index] = {
        readId: read.readId,
        bib: runner.bib,
        ...verdict,
        ...(verdict.status !== 'duplicate' && outcome.position >= 0 && { position: outcome.position }),
      };
    });
    appended += outcome.events.length;
  });
  return appended;
};

const normalisedTime = (read: IncomingRead): string | undefined => {
  try {
    return toUtcInstant(read.time);
  } catch {
    return undefined;
  }
};

const unmatchedData = (editionId: string, read: IncomingRead, time: string): ReadUnmatched['data'] => ({
  editionId,
  readId: read.readId,
  pointId: read.pointId,
  time,
  reason: read.chipId !== undefined ? `chip ${read.chipId} is not registered` : `bib ${read.bib} is not registered`,
  ...(read.chipId !== undefined && { chipId: read.chipId }),
  ...(read.bib !== undefined && { bib: read.bib }),
  ...(read.lap !== undefined && { lap: read.lap }),
});

/** Every unmatched read of the batch in one append to the edition's unmatched stream, each kept once. */
const keepUnmatched = async (
  store: EventStore,
  editionId: string,
  unmatched: { index: number; data: ReadUnmatched['data'] }[],
  context: CommandContext,
  outcomes: ReadOutcome[],
  warm: WarmStates<UnmatchedReads>,
): Promise<number> => {
  const stream = unmatchedStream(editionId);
  const kept = await retryOnConflict(() =>
    handleCommand(store, stream, unmatchedReadDecider, { type: 'KeepUnmatched', reads: unmatched.map(({ data }) => data) }, context, {
      eventId: (index, revision) => eventIdFor(stream, `${revision}:${index}`),
      warm,
    }),
  );
  const keptNow = new Set(kept.events.map((event) => event.data.readId));
  for (const { index, data } of unmatched) {
    const first = keptNow.delete(data.readId);
    outcomes[index] = first
      ? { readId: data.readId, status: 'unmatched', reason: data.reason, position: kept.position }
      : { readId: data.readId, status: 'duplicate', reason: `already kept as unmatched: ${data.reason}` };
  }
  return kept.events.length;
};

/**
 * Whether a read could be this runner's crossing at all, without recording it: an organiser assigning
 * an unmatched read learns that it cannot be before the assignment is made.
 */
export const rejectionForRunner = (edition: EditionView, registrations: EditionRegistrations | undefined, read: IncomingRead, bib: string) => {
  const runner = registrations?.byBib.get(bib);
  const race = edition.races.find((candidate) => candidate.raceId === runner?.raceId);
  return race ? rejectionOf(race, read) : `bib ${bib} is not registered in edition ${edition.editionId}`;
};
