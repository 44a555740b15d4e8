import { editionStream } from '../editions/edition';
import { RecordedEvent, streamName } from '../event-store/event-store';
import { RaceResults } from './results.projection';
import { ResultRow, Standings } from './standings';

/** The SSE `event:` names a client of the live feed listens for. */
export type LiveEventName = 'read' | 'correction' | 'status' | 'disqualification' | 'review' | 'race' | 'update';

export interface LiveMessage {
  event: LiveEventName;
  /** The log position of the change's last event: a client resumes after it with Last-Event-ID. */
  id: number;
  /** The runner's row (which names the bib) and the domain event type, or for the whole race its id. */
  data: (ResultRow & { type: string }) | { type: string; raceId: string };
}

/** A Map, not an object literal: an event type named like an Object property (`constructor`) must not find one. */
const LIVE_EVENT_NAMES = new Map<string, LiveEventName>([
  ['ReadRecorded', 'read'],
  ['SplitRecorded', 'read'],
  ['FinishRecorded', 'read'],
  ['ReadFlagged', 'read'],
  ['CrossingWithdrawn', 'read'],
  ['TimeCorrected', 'correction'],
  ['RunnerDetailsCorrected', 'correction'],
  ['RunnerStatusDeclared', 'status'],
  ['RunnerStatusRescinded', 'status'],
  ['RunnerDisqualified', 'disqualification'],
  ['DisqualificationRescinded', 'disqualification'],
  ['ReadReviewed', 'review'],
]);

/**
 * A command appends the decision a person took first and the timing bookkeeping it causes after (a review,
 * then the split it accepts): a change is named after the decision, so the order is decision before read.
 */
const SIGNIFICANCE: LiveEventName[] = ['disqualification', 'status', 'correction', 'review', 'read', 'update'];

/** Changes on the edition stream that move every runner of the race (guns, closing). */
const RACE_WIDE_TYPES = new Set(['RaceStarted', 'GunTimeCorrected', 'RaceClosed']);

const liveEventNameOf = (event: RecordedEvent): LiveEventName => LIVE_EVENT_NAMES.get(event.type) ?? 'update';

const entryStreamPrefix = (editionId: string) => `${streamName('entry', editionId)}-`;

/** The streams a race's feed can concern at all: a cheap first cut before the read model is asked. */
export const streamPrefixesOfEdition = (editionId: string): string[] => [entryStreamPrefix(editionId), editionStream(editionId)];

export const isOfEdition = (editionId: string) => {
  const prefixes = streamPrefixesOfEdition(editionId);
  return (event: RecordedEvent): boolean => prefixes.some((prefix) => event.streamId.startsWith(prefix));
};

/**
 * The bib of a runner of this race whose entry stream this is. Events on an entry stream need not carry
 * the race (details corrections do not), so the stream and the read model decide, not `data.raceId`.
 */
const runnerBibOf = (race: RaceResults, streamId: string): string | undefined => {
  const prefix = entryStreamPrefix(race.editionId);
  if (!streamId.startsWith(prefix)) return undefined;
  const bib = streamId.slice(prefix.length);
  return Object.hasOwn(race.runners, bib) ? bib : undefined;
};

const isRaceWideChangeOf = (race: RaceResults, event: RecordedEvent): boolean =>
  event.streamId === editionStream(race.editionId) &&
  RACE_WIDE_TYPES.has(event.type) &&
  (event.data as { raceId?: unknown }).raceId === race.raceId;

const concernsRace = (race: RaceResults, event: RecordedEvent): boolean =>
  runnerBibOf(race, event.streamId) !== undefined || isRaceWideChangeOf(race, event);

const sameChange = (a: RecordedEvent, b: RecordedEvent): boolean =>
  a.streamId === b.streamId && a.metadata.correlationId === b.metadata.correlationId;

/** One command's append to one stream: consecutive events of that stream under one correlation id. */
const changesOf = (events: readonly RecordedEvent[]): RecordedEvent[][] => {
  const changes: RecordedEvent[][] = [];
  for (const event of events) {
    const current = changes.at(-1);
    if (current && sameChange(current[0]!, event)) current.push(event);
    else changes.push([event]);
  }
  return changes;
};

/** The event a change is known by: the most significant; of equals the last, what the read turned out to be. */
const headlineOf = (change: RecordedEvent[]): RecordedEvent =>
  change.reduce((headline, event) =>
    SIGNIFICANCE.indexOf(liveEventNameOf(event)) <= SIGNIFICANCE.indexOf(liveEventNameOf(headline)) ? event : headline,
  );

const messageOf = (race: RaceResults, standings: Standings, change: RecordedEvent[]): LiveMessage | undefined => {
  const id = change.at(-1)!.position;
  const headline = headlineOf(change);
  if (isRaceWideChangeOf(race, headline)) return { event: 'race', id, data: { type: headline.type, raceId: race.raceId } };
  const bib = runnerBibOf(race, headline.streamId);
  const row = bib === undefined ? undefined : standings.byBib.get(bib);
  return row && { event: liveEventNameOf(headline), id, data: { ...row, type: headline.type } };
};

/** One message per change to the race or one of its runners, in log order, each with the row as it now stands. */
export const liveMessagesOf = (race: RaceResults, standings: Standings, events: readonly RecordedEvent[]): LiveMessage[] =>
  changesOf(events.filter((event) => concernsRace(race, event))).flatMap((change) => messageOf(race, standings, change) ?? []);

export const sseFrameOf = ({ event, id, data }: LiveMessage): string => `event: ${event}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`;

/** A comment line: EventSource ignores it, proxies see traffic and keep the connection. */
export const SSE_HEARTBEAT = ': heartbeat\n\n';
