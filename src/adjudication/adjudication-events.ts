import { DomainEvent } from '../decider/decider';
import { EventDefinition } from '../events/event-definition';
import { RunnerRegistered } from '../registration/entry-events';

/** The event a time correction supersedes: a recorded read (by its read id) or an earlier correction. */
export interface CorrectedEventRef {
  type: 'SplitRecorded' | 'FinishRecorded' | 'TimeCorrected';
  id: string;
}

export type TimeCorrected = DomainEvent<
  'TimeCorrected',
  {
    editionId: string;
    raceId: string;
    bib: string;
    correctionId: string;
    pointId: string;
    lap: number;
    distanceM: number;
    /** The time that counts from now on (ISO instant, UTC). */
    time: string;
    /** The time it replaces; absent when the correction adds a crossing no mat recorded. */
    previousTime?: string;
    corrects?: CorrectedEventRef;
    /** The finish on the last lap: the runner is a finisher with this time. */
    finish: boolean;
  }
>;

/** What a details correction may change: the runner's own particulars, never bib, chip or race. */
export type RunnerDetails = Pick<RunnerRegistered['data'], 'firstName' | 'lastName' | 'gender' | 'dateOfBirth' | 'country' | 'club'>;

export type RunnerDetailsCorrected = DomainEvent<
  'RunnerDetailsCorrected',
  { editionId: string; bib: string; correctionId: string; before: Partial<RunnerDetails>; after: Partial<RunnerDetails> }
>;

export type RunnerStatusDeclared = DomainEvent<
  'RunnerStatusDeclared',
  { editionId: string; raceId: string; bib: string; status: 'DNS' | 'DNF' }
>;

export type RunnerStatusRescinded = DomainEvent<
  'RunnerStatusRescinded',
  { editionId: string; raceId: string; bib: string; status: 'DNS' | 'DNF' }
>;

export type RunnerDisqualified = DomainEvent<
  'RunnerDisqualified',
  {
    editionId: string;
    raceId: string;
    bib: string;
    rule: string;
    reason: string;
    /** A relay leg whose runner broke the rule: the whole team is disqualified. */
    leg?: number;
  }
>;

export type DisqualificationRescinded = DomainEvent<
  'DisqualificationRescinded',
  { editionId: string; raceId: string; bib: string; rule: string; reason: string }
>;

export type ReadAssigned = DomainEvent<'ReadAssigned', { editionId: string; readId: string; bib: string }>;

export type AdjudicationEvent =
  | TimeCorrected
  | RunnerDetailsCorrected
  | RunnerStatusDeclared
  | RunnerStatusRescinded
  | RunnerDisqualified
  | DisqualificationRescinded;

const entry = 'entry-<editionId>-<bib>';

export const adjudicationEventDefinitions: EventDefinition[] = [
  {
    type: 'TimeCorrected',
    version: 1,
    stream: entry,
    description:
      'An organiser corrected the time of a crossing (start, split or finish) or added one no mat recorded. It names the event it supersedes and the time it replaces; the original stays in the log.',
    fields: {
      editionId: 'string',
      raceId: 'string',
      bib: 'string',
      correctionId: 'string (UUID; a later correction names it)',
      pointId: 'string',
      lap: 'number',
      distanceM: 'number',
      time: 'string (ISO instant, UTC: the time that counts)',
      previousTime: 'string? (the time it replaces)',
      corrects: '{ type: "SplitRecorded" | "FinishRecorded" | "TimeCorrected", id: string }? (read id or correction id)',
      finish: 'boolean (the finish on the last lap)',
    },
  },
  {
    type: 'RunnerDetailsCorrected',
    version: 1,
    stream: entry,
    description: "An organiser corrected a runner's details (a category may change with gender or date of birth).",
    fields: {
      editionId: 'string',
      bib: 'string',
      correctionId: 'string',
      before: '{ firstName?, lastName?, gender?, dateOfBirth?, country?, club? } (the values replaced)',
      after: '{ firstName?, lastName?, gender?, dateOfBirth?, country?, club? } (the values now)',
    },
  },
  {
    type: 'RunnerStatusDeclared',
    version: 1,
    stream: entry,
    description:
      'An organiser declared a runner DNS (did not start) or DNF (did not finish). DNS for a runner with reads, or DNF for a finisher, is recorded only with an override and a reason.',
    fields: { editionId: 'string', raceId: 'string', bib: 'string', status: '"DNS" | "DNF"' },
  },
  {
    type: 'RunnerStatusRescinded',
    version: 1,
    stream: entry,
    description: 'An organiser rescinded a declared DNS or DNF; the status follows from the reads again (the reason is in the metadata).',
    fields: { editionId: 'string', raceId: 'string', bib: 'string', status: '"DNS" | "DNF" (the status rescinded)' },
  },
  {
    type: 'RunnerDisqualified',
    version: 1,
    stream: entry,
    description: 'An organiser disqualified a runner (or a relay team, naming the leg) under a rule; a disqualified runner or team is never placed.',
    fields: {
      editionId: 'string',
      raceId: 'string',
      bib: 'string',
      rule: 'string (e.g. TR 54.7)',
      reason: 'string',
      leg: 'number? (a relay leg: its runner disqualifies the whole team)',
    },
  },
  {
    type: 'DisqualificationRescinded',
    version: 1,
    stream: entry,
    description: 'An organiser rescinded a disqualification; the runner is placed again from their recorded times.',
    fields: { editionId: 'string', raceId: 'string', bib: 'string', rule: 'string (the rule of the rescinded disqualification)', reason: 'string' },
  },
  {
    type: 'ReadAssigned',
    version: 1,
    stream: 'unmatched-<editionId>',
    description:
      "An organiser assigned an unmatched read to a runner; the read is then recorded on the runner's entry like any other (same read id).",
    fields: { editionId: 'string', readId: 'string', bib: 'string' },
  },
];
