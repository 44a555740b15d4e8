import { Decider } from '../decider/decider';
import { ConflictError, NotFoundError, RuleViolationError } from '../decider/domain-errors';
import { RaceView } from '../editions/editions.projection';
import { TeamRegistered } from '../ekiden/team-events';
import { assertAgeFits } from '../registration/entry';
import { RunnerRegistered } from '../registration/entry-events';
import { TimingEvent } from '../timing/timing-events';
import { AdjudicationEvent, CorrectedEventRef, RunnerDetails, RunnerDisqualified, TimeCorrected } from './adjudication-events';

/** What adjudication knows of one entry: the runner, the time that counts per crossing, the verdicts. */
export interface Adjudicated {
  /** A runner has details; a relay team has legs, each with its runner. */
  registered?: { raceId: string; details?: RunnerDetails; legs?: number[] };
  /** `${pointId}@${lap}` -> the time that counts and the event it came from. */
  crossings: Record<string, { time: string; source: CorrectedEventRef }>;
  disqualification?: { rule: string };
  declared?: 'DNS' | 'DNF';
}

type Race = Pick<RaceView, 'raceId' | 'laps' | 'distanceM' | 'timingPoints'>;

export type AdjudicationCommand =
  | {
      type: 'CorrectTime';
      data: { editionId: string; bib: string; pointId: string; lap?: number; time: string; correctionId: string };
      race: Race;
    }
  | {
      type: 'CorrectDetails';
      data: { editionId: string; bib: string; correctionId: string; changes: Partial<RunnerDetails> };
      /** Race day and the race's age bounds: a corrected date of birth must fit them as at registration. */
      edition: { date: string; race: { raceId: string; minAge: number; maxAge?: number } };
    }
  | { type: 'DeclareStatus'; data: { editionId: string; bib: string; status: 'DNS' | 'DNF' } }
  | { type: 'Disqualify'; data: { editionId: string; bib: string; rule: string; reason: string; leg?: number } }
  | { type: 'RescindDisqualification'; data: { editionId: string; bib: string; reason: string } };

export type EntryEvent = RunnerRegistered | TeamRegistered | TimingEvent | AdjudicationEvent;

const key = (pointId: string, lap: number) => `${pointId}@${lap}`;

export const adjudicationDecider: Decider<Adjudicated, AdjudicationCommand, EntryEvent> = {
  initialState: () => ({ crossings: {} }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'RunnerRegistered': {
        const { firstName, lastName, gender, dateOfBirth, country, club } = event.data;
        const details = { firstName, lastName, gender, dateOfBirth, country, ...(club !== undefined && { club }) };
        return { ...state, registered: { raceId: event.data.raceId, details } };
      }
      case 'TeamRegistered':
        return { ...state, registered: { raceId: event.data.raceId, legs: event.data.runners.map((runner) => runner.leg) } };
      case 'SplitRecorded':
      case 'FinishRecorded':
        return {
          ...state,
          crossings: {
            ...state.crossings,
            [key(event.data.pointId, event.data.lap)]: { time: event.data.time, source: { type: event.type, id: event.data.readId } },
          },
        };
      case 'TimeCorrected':
        return {
          ...state,
          crossings: {
            ...state.crossings,
            [key(event.data.pointId, event.data.lap)]: { time: event.data.time, source: { type: 'TimeCorrected', id: event.data.correctionId } },
          },
        };
      case 'RunnerDetailsCorrected':
        return state.registered?.details
          ? { ...state, registered: { ...state.registered, details: { ...state.registered.details, ...event.data.after } } }
          : state;
      case 'RunnerStatusDeclared':
        return { ...state, declared: event.data.status };
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
      case 'CorrectTime':
        return [timeCorrected(command, state, raceId)];
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
        return [{ type: 'RunnerStatusDeclared', data: { editionId, raceId, bib, status: command.data.status } }];
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

const timeCorrected = (
  command: Extract<AdjudicationCommand, { type: 'CorrectTime' }>,
  state: Adjudicated,
  raceId: string,
): TimeCorrected => {
  const { race, data } = command;
  if (data.lap === undefined && race.laps > 1) {
    throw new RuleViolationError(`${data.pointId} is crossed on ${race.laps} laps: say which lap the correction is for`);
  }
  const lap = data.lap ?? 1;
  const point = race.timingPoints.find((p) => p.pointId === data.pointId && p.lap === lap);
  if (!point) throw new RuleViolationError(`timing point ${data.pointId} lap ${lap} is not on the course of ${race.raceId}`);
  const current = state.crossings[key(point.pointId, lap)];
  if (current?.time === data.time) throw new RuleViolationError(`${data.pointId} lap ${lap} already has the time ${data.time}`);
  return {
    type: 'TimeCorrected',
    data: {
      editionId: data.editionId,
      raceId,
      bib: data.bib,
      correctionId: data.correctionId,
      pointId: point.pointId,
      lap,
      distanceM: point.distanceM,
      time: data.time,
      ...(current && { previousTime: current.time, corrects: current.source }),
      finish: point.distanceM === race.distanceM && lap === race.laps,
    },
  };
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
