import { Decider } from '../decider/decider';
import { ConflictError, NotFoundError, RuleViolationError } from '../decider/domain-errors';
import { EditionEvent, EditionPlanned, RaceAdded, RaceKind, RelayLeg, TimingPoint } from './edition-events';

export type Edition =
  | { status: 'none' }
  | { status: 'planned'; editionId: string; raceIds: string[] };

export type PlanEdition = { type: 'PlanEdition'; data: EditionPlanned['data'] };

export type AddRace = {
  type: 'AddRace';
  data: {
    editionId: string;
    raceId: string;
    name: string;
    distanceM: number;
    laps: number;
    kind: RaceKind;
    timingPoints: { pointId: string; distanceM: number; lap?: number }[];
    legs?: RelayLeg[];
  };
};

export type EditionCommand = PlanEdition | AddRace;

export const initialState = (): Edition => ({ status: 'none' });

export const evolve = (state: Edition, event: EditionEvent): Edition => {
  switch (event.type) {
    case 'EditionPlanned':
      return { status: 'planned', editionId: event.data.editionId, raceIds: [] };
    case 'RaceAdded':
      return state.status === 'planned' ? { ...state, raceIds: [...state.raceIds, event.data.raceId] } : state;
  }
};

export const decide = (command: EditionCommand, state: Edition): EditionEvent[] => {
  switch (command.type) {
    case 'PlanEdition':
      if (state.status !== 'none') throw new ConflictError(`edition ${command.data.editionId} is already planned`);
      assertValidTimezone(command.data.timezone);
      return [{ type: 'EditionPlanned', data: command.data }];
    case 'AddRace':
      if (state.status === 'none') throw new NotFoundError(`edition ${command.data.editionId} is not planned`);
      if (state.raceIds.includes(command.data.raceId)) {
        throw new ConflictError(`race ${command.data.raceId} already exists in edition ${command.data.editionId}`);
      }
      return [raceAdded(command.data)];
  }
};

export const editionDecider: Decider<Edition, EditionCommand, EditionEvent> = { initialState, evolve, decide };

const assertValidTimezone = (timezone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw new RuleViolationError(`timezone ${timezone} is not an IANA time zone (e.g. Asia/Almaty)`);
  }
};

const raceAdded = (race: AddRace['data']): RaceAdded => {
  const timingPoints = courseOf(race);
  const legs = race.kind === 'relay' ? relayLegsOf(race) : noLegs(race);
  return { type: 'RaceAdded', data: { ...race, timingPoints, legs } };
};

/** A read is a split only with its lap, so on a multi-lap course every point must say which lap it is on. */
const courseOf = (race: AddRace['data']): TimingPoint[] => {
  const points = race.timingPoints.map((point) => {
    if (point.lap === undefined && race.laps > 1) {
      throw new RuleViolationError(`timing point ${point.pointId} needs its lap: the race runs ${race.laps} laps`);
    }
    const lap = point.lap ?? 1;
    if (lap > race.laps) {
      throw new RuleViolationError(`timing point ${point.pointId} is on lap ${lap}, but the race has ${race.laps}`);
    }
    if (point.distanceM > race.distanceM) {
      throw new RuleViolationError(`timing point ${point.pointId} lies beyond the race distance of ${race.distanceM} m`);
    }
    return { pointId: point.pointId, distanceM: point.distanceM, lap };
  });
  const seen = new Set<string>();
  for (const point of points) {
    const key = `${point.pointId}@${point.lap}`;
    if (seen.has(key)) throw new RuleViolationError(`timing point ${point.pointId} appears twice on lap ${point.lap}`);
    seen.add(key);
  }
  const ordered = [...points].sort((a, b) => a.distanceM - b.distanceM || a.lap - b.lap);
  ordered.forEach((point, index) => {
    const previous = ordered[index - 1];
    if (previous && (previous.distanceM === point.distanceM || previous.lap > point.lap)) {
      throw new RuleViolationError(
        `timing points ${previous.pointId} (lap ${previous.lap}) and ${point.pointId} (lap ${point.lap}) are out of course order`,
      );
    }
  });
  const finish = ordered[ordered.length - 1];
  if (!finish || finish.distanceM !== race.distanceM || finish.lap !== race.laps) {
    throw new RuleViolationError(
      `the course needs a finish: a timing point at ${race.distanceM} m on lap ${race.laps}`,
    );
  }
  return ordered;
};

const relayLegsOf = (race: AddRace['data']): RelayLeg[] => {
  const legs = [...(race.legs ?? [])].sort((a, b) => a.leg - b.leg);
  if (legs.length < 2) throw new RuleViolationError('a relay needs at least two legs');
  legs.forEach((leg, index) => {
    if (leg.leg !== index + 1) throw new RuleViolationError(`relay legs must be numbered 1 to ${legs.length} once each`);
  });
  const totalTenthsOfMetre = legs.reduce((sum, leg) => sum + Math.round(leg.distanceM * 10), 0);
  if (totalTenthsOfMetre !== Math.round(race.distanceM * 10)) {
    throw new RuleViolationError(
      `relay legs add up to ${totalTenthsOfMetre / 10} m, but the race is ${race.distanceM} m`,
    );
  }
  return legs;
};

const noLegs = (race: AddRace['data']): RelayLeg[] => {
  if (race.legs && race.legs.length > 0) throw new RuleViolationError('only a relay race has legs');
  return [];
};
