import { DomainEvent } from '../decider/decider';
import { EventDefinition } from '../events/event-definition';

/** One crossing of a timing mat by a registered runner, counted in results. */
interface Crossing {
  editionId: string;
  raceId: string;
  bib: string;
  /** The timing system's own id of the read: a read sent twice is recorded once. */
  readId: string;
  pointId: string;
  lap: number;
  /** Distance from the start of the race at this point on this lap, in metres. */
  distanceM: number;
  /** ISO instant (UTC) of the crossing, to 0.1 s or better. */
  time: string;
}

export type SplitRecorded = DomainEvent<'SplitRecorded', Crossing>;
/** The finish mat on the last lap, with every earlier lap recorded. */
export type FinishRecorded = DomainEvent<'FinishRecorded', Crossing>;

export type ReadFlagged = DomainEvent<
  'ReadFlagged',
  {
    editionId: string;
    raceId: string;
    bib: string;
    readId: string;
    pointId: string;
    lap?: number;
    time: string;
    /** Why it is implausible; not counted in results until an organiser decides. */
    reasons: string[];
  }
>;

export type ReadUnmatched = DomainEvent<
  'ReadUnmatched',
  {
    editionId: string;
    readId: string;
    chipId?: string;
    bib?: string;
    pointId: string;
    lap?: number;
    time: string;
    reason: string;
  }
>;

export type TimingEvent = SplitRecorded | FinishRecorded | ReadFlagged;

const crossingFields = {
  editionId: 'string',
  raceId: 'string',
  bib: 'string',
  readId: 'string (the timing system\'s read id; a read sent twice is recorded once)',
  pointId: 'string',
  lap: 'number',
  distanceM: 'number (metres from the start at this point on this lap)',
  time: 'string (ISO instant, UTC)',
};

export const timingEventDefinitions: EventDefinition[] = [
  {
    type: 'SplitRecorded',
    version: 1,
    stream: 'entry-<editionId>-<bib>',
    description: 'A runner crossed a timing mat on a lap (the start mat at 0 m gives net time). Counted in results.',
    fields: crossingFields,
  },
  {
    type: 'FinishRecorded',
    version: 1,
    stream: 'entry-<editionId>-<bib>',
    description: 'A runner crossed the finish on the last lap with every earlier lap recorded: a finisher.',
    fields: crossingFields,
  },
  {
    type: 'ReadFlagged',
    version: 1,
    stream: 'entry-<editionId>-<bib>',
    description:
      'A read for a registered runner that is implausible (before the gun, out of course order, faster than a world record over the segment, a lap missing). Kept for review, not counted.',
    fields: {
      editionId: 'string',
      raceId: 'string',
      bib: 'string',
      readId: 'string',
      pointId: 'string',
      lap: 'number?',
      time: 'string (ISO instant, UTC)',
      reasons: 'string[]',
    },
  },
  {
    type: 'ReadUnmatched',
    version: 1,
    stream: 'unmatched-<editionId>',
    description: 'A read whose chip or bib matches no runner of the edition: kept for an organiser to assign, never dropped.',
    fields: {
      editionId: 'string',
      readId: 'string',
      chipId: 'string?',
      bib: 'string?',
      pointId: 'string',
      lap: 'number?',
      time: 'string (ISO instant, UTC)',
      reason: 'string',
    },
  },
];
