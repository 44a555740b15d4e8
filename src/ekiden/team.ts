import { Decider } from '../decider/decider';
import { ConflictError, NotFoundError, RuleViolationError } from '../decider/domain-errors';
import { RaceView } from '../editions/editions.projection';
import { RunnerRegistered } from '../registration/entry-events';
import { ageOn } from '../time/instant';
import { TeamRegistered } from './team-events';

export type RegisterTeam = {
  type: 'RegisterTeam';
  data: TeamRegistered['data'];
  edition: { registrationOpen: boolean; date: string; race?: Pick<RaceView, 'raceId' | 'kind' | 'minAge' | 'maxAge' | 'legs'> };
};

/** An entry stream holds one runner or one team: any registration takes the bib. */
export const teamDecider: Decider<{ taken: boolean }, RegisterTeam, TeamRegistered | RunnerRegistered, TeamRegistered> = {
  initialState: () => ({ taken: false }),
  evolve: (state, event) => (event.type === 'TeamRegistered' || event.type === 'RunnerRegistered' ? { taken: true } : state),
  decide: ({ data, edition }, state) => {
    if (state.taken) throw new ConflictError(`bib ${data.bib} is already taken in edition ${data.editionId}`);
    if (!edition.registrationOpen) throw new ConflictError(`registration for edition ${data.editionId} is closed`);
    const race = edition.race;
    if (!race) throw new NotFoundError(`race ${data.raceId} does not exist in edition ${data.editionId}`);
    if (race.kind !== 'relay') throw new RuleViolationError(`race ${data.raceId} is not a relay: teams run relays`);
    const legs = race.legs.map((leg) => leg.leg);
    const named = data.runners.map((runner) => runner.leg).sort((a, b) => a - b);
    if (named.join() !== legs.join()) {
      throw new RuleViolationError(`a team names one runner for each of legs ${legs.join(', ')}; got legs ${named.join(', ') || 'none'}`);
    }
    for (const runner of data.runners) {
      const age = ageOn(edition.date, runner.dateOfBirth);
      if (Number.isNaN(age) || runner.dateOfBirth >= edition.date) {
        throw new RuleViolationError(`leg ${runner.leg}: dateOfBirth ${runner.dateOfBirth} is not a date before race day`);
      }
      if (age < race.minAge) throw new RuleViolationError(`leg ${runner.leg}: a runner of ${age} is under the minimum age of ${race.minAge}`);
      if (race.maxAge !== undefined && age > race.maxAge) {
        throw new RuleViolationError(`leg ${runner.leg}: a runner of ${age} is over the maximum age of ${race.maxAge}`);
      }
    }
    return [{ type: 'TeamRegistered', data: { ...data, runners: [...data.runners].sort((a, b) => a.leg - b.leg) } }];
  },
};
