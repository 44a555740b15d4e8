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

/** A read as the mat sent it, kept for good: results are derived from every read of the runner. */
export type ReadRecorded = DomainEvent<
  'ReadRecorded',
  {
    editionId: string;
    raceId: string;
    bib: string;
    readId: string;
    /** Present when the mat read the chip; absent when the bib was keyed by hand. */
    chipId?: string;
    pointId: string;
    /** The lap the mat reported, if it knows. */
    lap?: number;
    time: string;
  }
>;

/** What a read meant before it was reinterpreted. */
export type EarlierMeaning =
  | { status: 'counted'; pointId: string; lap: number; finish: boolean }
  | { status: 'flagged'; pointId: string; lap?: number; reasons: string[] };

export type ReadReinterpreted = DomainEvent<
  'ReadReinterpreted',
  {
    editionId: string;
    raceId: string;
    bib: string;
    readId: string;
    previously: EarlierMeaning;
    /** What it means now; a new meaning that counts or is flagged follows as its own event. */
    now: 'counted' | 'flagged' | 'duplicate' | 'dismissed' | 'superseded';
    reason: string;
    /** The reads, review or correction whose arrival changed it. */
    causedBy: string[];
  }
>;

export type ReadReviewed = DomainEvent<
  'ReadReviewed',
  { editionId: string; raceId: string; bib: string; readId: string; decision: 'accept' | 'dismiss'; lap?: number }
>;

export type UnmatchedReadDismissed = DomainEvent<'UnmatchedReadDismissed', { editionId: string; readId: string }>;

export type TimingEvent = ReadRecorded | SplitRecorded | FinishRecorded | ReadFlagged | ReadReinterpreted | ReadReviewed;

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
    type: 'ReadRecorded',
    version: 1,
    stream: 'entry-<editionId>-<bib>',
    description:
      'A read as the mat sent it (the fact). Which lap, split or finish it is, and whether it is a backup-mat duplicate or flagged, is decided from all of the runner\'s reads and recorded by the events that follow it.',
    fields: {
      editionId: 'string',
      raceId: 'string',
      bib: 'string',
      readId: "string (the timing system's read id; a read sent twice is recorded once)",
      chipId: 'string? (absent: the bib was keyed by hand)',
      pointId: 'string',
      lap: 'number? (the lap the mat reported)',
      time: 'string (ISO instant, UTC)',
    },
  },
  {
    type: 'ReadReinterpreted',
    version: 1,
    stream: 'entry-<editionId>-<bib>',
    description:
      'A read, review or correction changed what an earlier read means (a late lap-1 read turns a "lap 1" read into the lap-2 finish): it no longer counts, or is no longer held for review, as before. Its new meaning follows as SplitRecorded, FinishRecorded or ReadFlagged when it counts or is flagged.',
    fields: {
      editionId: 'string',
      raceId: 'string',
      bib: 'string',
      readId: 'string',
      previously: '{ status: "counted", pointId, lap, finish } | { status: "flagged", pointId, lap?, reasons }',
      now: '"counted" | "flagged" | "duplicate" | "dismissed" | "superseded"',
      reason: 'string (plain words)',
      causedBy: 'string[] (read ids, or review: / correction: ids)',
    },
  },
  {
    type: 'ReadReviewed',
    version: 1,
    stream: 'entry-<editionId>-<bib>',
    description: 'An organiser accepted (optionally on a given lap) or dismissed a read held for review; the reason is in the metadata.',
    fields: {
      editionId: 'string',
      raceId: 'string',
      bib: 'string',
      readId: 'string',
      decision: '"accept" | "dismiss"',
      lap: 'number? (the lap an accepted read is for)',
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
  {
    type: 'UnmatchedReadDismissed',
    version: 1,
    stream: 'unmatched-<editionId>',
    description: 'An organiser dismissed an unmatched read (a spectator\'s chip, a stray read): it stays in the log, no longer waiting for review.',
    fields: { editionId: 'string', readId: 'string' },
  },
];
