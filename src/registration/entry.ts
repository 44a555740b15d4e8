import { Decider } from '../decider/decider';
import { ConflictError, NotFoundError, RuleViolationError } from '../decider/domain-errors';
import { ageOn } from '../time/instant';
import { TeamRegistered } from '../ekiden/team-events';
import { RunnerRegistered } from './entry-events';

/** What registration needs to know of the edition, read from its stream by the handler. */
export interface EditionFacts {
  registrationOpen: boolean;
  /** Race day, YYYY-MM-DD local: ages count on this day. */
  date: string;
  race?: { raceId: string; kind: 'individual' | 'relay'; minAge: number; maxAge?: number };
}

export type Entry = { status: 'none' } | { status: 'registered'; raceId: string; chipId: string };

export type RegisterRunner = { type: 'RegisterRunner'; data: RunnerRegistered['data']; edition: EditionFacts };

/** An entry stream holds one runner or one relay team: either takes the bib. */
export const entryDecider: Decider<Entry, RegisterRunner, RunnerRegistered | TeamRegistered, RunnerRegistered> = {
  initialState: () => ({ status: 'none' }),
  evolve: (state, event) =>
    event.type === 'RunnerRegistered' || event.type === 'TeamRegistered'
      ? { status: 'registered', raceId: event.data.raceId, chipId: event.data.chipId }
      : state,
  decide: ({ data, edition }, state) => {
    if (state.status !== 'none') throw new ConflictError(`bib ${data.bib} is already taken in edition ${data.editionId}`);
    if (!edition.registrationOpen) throw new ConflictError(`registration for edition ${data.editionId} is closed`);
    const race = edition.race;
    if (!race) throw new NotFoundError(`race ${data.raceId} does not exist in edition ${data.editionId}`);
    if (race.kind === 'relay') {
      throw new RuleViolationError(`race ${data.raceId} is a relay: runners are registered as part of a team`);
    }
    assertAgeFits(data.dateOfBirth, edition.date, race);
    return [{ type: 'RunnerRegistered', data }];
  },
};

/** A real date before race day, and an age on race day within the race's bounds: at registration and at every correction. */
export const assertAgeFits = (dateOfBirth: string, raceDate: string, race: { raceId: string; minAge: number; maxAge?: number }) => {
  const parsed = new Date(`${dateOfBirth}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== dateOfBirth) {
    throw new RuleViolationError(`dateOfBirth ${dateOfBirth} is not a real date`);
  }
  if (dateOfBirth >= raceDate) throw new RuleViolationError(`dateOfBirth ${dateOfBirth} is not before race day`);
  const age = ageOn(raceDate, dateOfBirth);
  if (age < race.minAge) {
    throw new RuleViolationError(`a runner of ${age} on race day is under the minimum age of ${race.minAge} for ${race.raceId}`);
  }
  if (race.maxAge !== undefined && age > race.maxAge) {
    throw new RuleViolationError(`a runner of ${age} on race day is over the maximum age of ${race.maxAge} for ${race.raceId}`);
  }
};
