import { Decider } from '../decider/decider';
import { ConflictError, NotFoundError, RuleViolationError } from '../decider/domain-errors';
import { TeamRegistered } from '../ekiden/team-events';
import { assertAgeFits } from '../registration/entry';
import { RunnerRegistered } from '../registration/entry-events';
import { TimingEvent } from '../timing/timing-events';
import { AdjudicationEvent, RunnerDetails, RunnerDisqualified } from './adjudication-events';

/** What adjudication knows of one entry: the runner, whether the mats saw them finish, the verdicts. */
export interface Adjudicated {
  /** A runner has details; a relay team has legs, each with its runner. */
  registered?: { raceId: string; details?: RunnerDetails; legs?: number[] };
  /** Any read of this bib kept, whatever it counted for. */
  seen: boolean;
  /** The reads or correction that make this runner a finisher now. */
  finishes: string[];
  disqualification?: { rule: string };
  declared?: 'DNS' | 'DNF';
}

export type AdjudicationCommand =
  | {
      type: 'CorrectDetails';
      data: { editionId: string; bib: string; correctionId: string; changes: Partial<RunnerDetails> };
      /** Race day and the race's age bounds: a corrected date of birth must fit them as at registration. */
      edition: { date: string; race: { raceId: string; minAge: number; maxAge?: number } };
    }
  | { type: 'DeclareStatus'; data: { editionId: string; bib: string; status: 'DNS' | 'DNF'; override: boolean } }
  | { type: 'RescindStatus'; data: { editionId: string; bib: string } }
  | { type: 'Disqualify'; data: { editionId: string; bib: string; rule: string; reason: string; leg?: number } }
  | { type: 'RescindDisqualification'; data: { editionId: string; bib: string; reason: string } };

export type EntryEvent = RunnerRegistered | TeamRegistered | TimingEvent | AdjudicationEvent;

export const adjudicationDecider: Decider<Adjudicated, AdjudicationCommand, EntryEvent> = {
  initialState: () => ({ seen: false, finishes: [] }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'RunnerRegistered': {
        const { firstName, lastName, gender, dateOfBirth, country, club } = event.data;
        const details = { firstName, lastName, gender, dateOfBirth, country, ...(club !== undefined && { club }) };
        return { ...state, registered: { raceId: event.data.raceId, details } };
      }
      case 'TeamRegistered':
        return { ...state, registered: { raceId: event.data.raceId, legs: event.data.runners.map((runner) => runner.leg) } };
      case 'ReadRecorded':
      case 'SplitRecorded':
      case 'ReadFlagged':
        return { ...state, seen: true };
      case 'FinishRecorded':
        return { ...state, seen: true, finishes: [...state.finishes, event.data.readId] };
      case 'ReadReinterpreted':
        return { ...state, finishes: state.finishes.filter((id) => id !== event.data.readId) };
      case 'TimeCorrected':
        // A corrected finish is the finish, whichever read it replaces.
        return event.data.finish ? { ...state, finishes: [`correction:${event.data.correctionId}`] } : state;
      case 'RunnerDetailsCorrected':
        return state.registered?.details
          ? { ...state, registered: { ...state.registered, details: { ...state.registered.details, ...event.data.after } } }
          : state;
      case 'RunnerStatusDeclared':
        return { ...state, declared: event.data.status };
      case 'RunnerStatusRescinded': {
        const { declared: _, ...rest } = state;
        return rest;
      }
      case 'RunnerDisqualified':
        return { ...state, disqualification: { rule: event.data.rule } };
      case 'DisqualificationRescinded': {
        const { disqualification: _, ...rest } = state;
        return rest;
      }
      default:
        return state;
    }
  },
  decide: (command, state) => {
    const registered = state.registered;
    if (!registered) throw new NotFoundError(`bib ${command.data.bib} is not registered in edition ${command.data.editionId}`);
    const { editionId, bib } = command.data;
    const raceId = registered.raceId;
    switch (command.type) {
      case 'CorrectDetails': {
        const details = registered.details;
        if (!details) throw new RuleViolationError(`bib ${bib} is a relay team: its runners are not corrected here`);
        const changed = Object.entries(command.data.changes).filter(
          ([field, value]) => value !== undefined && details[field as keyof RunnerDetails] !== value,
        );
        if (changed.length === 0) throw new RuleViolationError('the correction changes nothing');
        if (command.data.changes.dateOfBirth !== undefined) {
          assertAgeFits(command.data.changes.dateOfBirth, command.edition.date, command.edition.race);
        }
        const before = Object.fromEntries(changed.map(([field]) => [field, details[field as keyof RunnerDetails]]));
        return [
          {
            type: 'RunnerDetailsCorrected',
            data: { editionId, bib, correctionId: command.data.correctionId, before, after: Object.fromEntries(changed) },
          },
        ];
      }
      case 'DeclareStatus':
        if (state.declared === command.data.status) throw new ConflictError(`bib ${bib} is already declared ${command.data.status}`);
        assertStatusFitsTheReads(command.data, state);
        return [{ type: 'RunnerStatusDeclared', data: { editionId, raceId, bib, status: command.data.status } }];
      case 'RescindStatus':
        if (!state.declared) throw new ConflictError(`bib ${bib} has no declared status to rescind`);
        return [{ type: 'RunnerStatusRescinded', data: { editionId, raceId, bib, status: state.declared } }];
      case 'Disqualify':
        if (state.disqualification) {
          throw new ConflictError(`bib ${bib} is already disqualified under ${state.disqualification.rule}`);
        }
        return [disqualified(command.data, registered, raceId)];
      case 'RescindDisqualification':
        if (!state.disqualification) throw new ConflictError(`bib ${bib} is not disqualified`);
        return [
          {
            type: 'DisqualificationRescinded',
            data: { editionId, raceId, bib, rule: state.disqualification.rule, reason: command.data.reason },
          },
        ];
    }
  },
};

/** The mats' word stands unless the organiser says, with a reason, that it is wrong. */
const assertStatusFitsTheReads = (data: { bib: string; status: 'DNS' | 'DNF'; override: boolean }, state: Adjudicated) => {
  if (data.override) return;
  if (data.status === 'DNS' && state.seen) {
    throw new ConflictError(`bib ${data.bib} has timing reads: declaring DNS needs override: true with a reason`);
  }
  if (data.status === 'DNF' && state.finishes.length > 0) {
    throw new ConflictError(`bib ${data.bib} has finished: declaring DNF needs override: true with a reason`);
  }
};

/** A disqualified leg runner disqualifies the team: the leg says whose fault it was. */
const disqualified = (
  data: Extract<AdjudicationCommand, { type: 'Disqualify' }>['data'],
  registered: NonNullable<Adjudicated['registered']>,
  raceId: string,
): RunnerDisqualified => {
  const { editionId, bib, rule, reason, leg } = data;
  if (leg !== undefined && !registered.legs?.includes(leg)) {
    throw new RuleViolationError(registered.legs ? `team ${bib} has no leg ${leg}` : `bib ${bib} is a runner, not a relay team: no leg to name`);
  }
  return { type: 'RunnerDisqualified', data: { editionId, raceId, bib, rule, reason, ...(leg !== undefined && { leg }) } };
};
