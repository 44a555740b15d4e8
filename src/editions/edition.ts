import { Decider } from '../decider/decider';
import { ConflictError, NotFoundError, RuleViolationError } from '../decider/domain-errors';
import { streamName } from '../event-store/event-store';
import { EditionEvent, EditionPlanned, GunTimeCorrected, RaceAdded, RaceClosed, RaceStarted, RelayLeg, TimingPoint } from './edition-events';

export const editionStream = (editionId: string) => streamName('edition', editionId);

export type Edition =
  | { status: 'none' }
  | {
      status: 'planned';
      editionId: string;
      /** Race day, local to the venue's time zone. */
      date: string;
      timezone: string;
      raceIds: string[];
      registrationOpen: boolean;
      /** `raceId` or `raceId/wave` -> the gun time that counts. */
      guns: Map<string, string>;
      closedRaces: string[];
    };

export type PlanEdition = {
  type: 'PlanEdition';
  data: Omit<EditionPlanned['data'], 'series'> & { series?: string };
};

/** A race as an organiser describes it: the decider orders the course, fills in laps, legs, course and minimum age. */
export type AddRace = {
  type: 'AddRace';
  data: Omit<RaceAdded['data'], 'timingPoints' | 'legs' | 'courseId' | 'minAge'> & {
    timingPoints: (Omit<TimingPoint, 'lap'> & { lap?: number })[];
    legs?: RelayLeg[];
    courseId?: string;
    minAge?: number;
  };
};

export type CloseRegistration = { type: 'CloseRegistration'; data: { editionId: string; closedAt: string } };

export type StartRace = { type: 'StartRace'; data: RaceStarted['data'] };

export type CorrectGunTime = { type: 'CorrectGunTime'; data: Omit<GunTimeCorrected['data'], 'previousGunTime'> };

export type CloseRace = { type: 'CloseRace'; data: RaceClosed['data'] };

export type EditionCommand = PlanEdition | AddRace | CloseRegistration | StartRace | CorrectGunTime | CloseRace;

export const initialState = (): Edition => ({ status: 'none' });

export const evolve = (state: Edition, event: EditionEvent): Edition => {
  switch (event.type) {
    case 'EditionPlanned':
      return {
        status: 'planned',
        editionId: event.data.editionId,
        date: event.data.date,
        timezone: event.data.timezone,
        raceIds: [],
        registrationOpen: true,
        guns: new Map(),
        closedRaces: [],
      };
    case 'RaceAdded':
      return state.status === 'planned' ? { ...state, raceIds: [...state.raceIds, event.data.raceId] } : state;
    case 'RegistrationClosed':
      return state.status === 'planned' ? { ...state, registrationOpen: false } : state;
    case 'RaceStarted':
    case 'GunTimeCorrected':
      return state.status === 'planned' ? { ...state, guns: new Map(state.guns).set(gunKey(event.data), event.data.gunTime) } : state;
    case 'RaceClosed':
      return state.status === 'planned' ? { ...state, closedRaces: [...state.closedRaces, event.data.raceId] } : state;
  }
};

const gunKey = (start: { raceId: string; wave?: string }) =>
  start.wave === undefined ? start.raceId : `${start.raceId}/${start.wave}`;

/** Any gun of the race counts, its own or a wave's: a race id is a slug, never holding a `/`, so the prefix is exact. */
const hasStarted = (edition: { guns: Map<string, string> }, raceId: string) =>
  [...edition.guns.keys()].some((key) => key === raceId || key.startsWith(`${raceId}/`));

/** `almaty-2018` belongs to the series `almaty`: an edition id usually ends in its year. */
const defaultSeries = (editionId: string) => editionId.replace(/-\d{4}$/, '');

export const decide = (command: EditionCommand, state: Edition): EditionEvent[] => {
  switch (command.type) {
    case 'PlanEdition':
      if (state.status !== 'none') throw new ConflictError(`edition ${command.data.editionId} is already planned`);
      assertValidTimezone(command.data.timezone);
      return [
        { type: 'EditionPlanned', data: { ...command.data, series: command.data.series ?? defaultSeries(command.data.editionId) } },
      ];
    case 'AddRace':
      if (state.status === 'none') throw new NotFoundError(`edition ${command.data.editionId} is not planned`);
      if (state.raceIds.includes(command.data.raceId)) {
        throw new ConflictError(`race ${command.data.raceId} already exists in edition ${command.data.editionId}`);
      }
      return [raceAdded(command.data)];
    case 'CloseRegistration':
      if (state.status === 'none') throw new NotFoundError(`edition ${command.data.editionId} is not planned`);
      if (!state.registrationOpen) throw new ConflictError(`registration for ${command.data.editionId} is already closed`);
      return [{ type: 'RegistrationClosed', data: command.data }];
    case 'StartRace': {
      const edition = raceMustExist(command.data, state);
      if (edition.closedRaces.includes(command.data.raceId)) throw new ConflictError(`race ${command.data.raceId} is closed: no gun fires after it`);
      const fired = edition.guns.get(gunKey(command.data));
      if (fired !== undefined) {
        throw new ConflictError(
          `the gun already fired for ${gunKey(command.data)} at ${fired}; a wrong gun time is corrected with PUT /editions/${command.data.editionId}/races/${command.data.raceId}/start`,
        );
      }
      assertOnRaceDay(command.data.gunTime, edition);
      return [{ type: 'RaceStarted', data: command.data }];
    }
    case 'CorrectGunTime': {
      const edition = raceMustExist(command.data, state);
      const previousGunTime = edition.guns.get(gunKey(command.data));
      if (previousGunTime === undefined) {
        throw new ConflictError(
          `the gun has not fired for ${gunKey(command.data)}: fire it with POST /editions/${command.data.editionId}/races/${command.data.raceId}/start`,
        );
      }
      if (previousGunTime === command.data.gunTime) {
        throw new RuleViolationError(`the gun of ${gunKey(command.data)} is already ${previousGunTime}: the correction changes nothing`);
      }
      assertOnRaceDay(command.data.gunTime, edition);
      return [{ type: 'GunTimeCorrected', data: { ...command.data, previousGunTime } }];
    }
    case 'CloseRace': {
      const edition = raceMustExist(command.data, state);
      if (!hasStarted(edition, command.data.raceId)) {
        throw new ConflictError(`race ${command.data.raceId} has not started: a race is closed after its gun`);
      }
      if (edition.closedRaces.includes(command.data.raceId)) throw new ConflictError(`race ${command.data.raceId} is already closed`);
      return [{ type: 'RaceClosed', data: command.data }];
    }
  }
};

const raceMustExist = (race: { editionId: string; raceId: string }, state: Edition) => {
  if (state.status === 'none') throw new NotFoundError(`edition ${race.editionId} is not planned`);
  if (!state.raceIds.includes(race.raceId)) throw new NotFoundError(`race ${race.raceId} does not exist in edition ${race.editionId}`);
  return state;
};

/**
 * A gun is an instant; in the venue's time zone it falls on race day. One that does not has the wrong
 * date or the wrong offset (an evening start in Almaty is the previous day in UTC, and the other way
 * round), and every read of the race would be judged against it.
 */
const assertOnRaceDay = (gunTime: string, edition: { date: string; timezone: string }) => {
  const localDate = new Intl.DateTimeFormat('en-CA', { timeZone: edition.timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(gunTime),
  );
  if (localDate !== edition.date) {
    throw new RuleViolationError(
      `gun time ${gunTime} is on ${localDate} in ${edition.timezone}, not on race day ${edition.date}: check its date and offset`,
    );
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
  const legs = race.kind === 'relay' ? relayLegsOf(race, timingPoints) : noLegs(race);
  const minAge = race.minAge ?? 0;
  if (race.maxAge !== undefined && race.maxAge < minAge) {
    throw new RuleViolationError(`maxAge ${race.maxAge} is below minAge ${minAge}`);
  }
  return {
    type: 'RaceAdded',
    data: { ...race, timingPoints, legs, courseId: race.courseId ?? `${race.editionId}-${race.raceId}`, minAge },
  };
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

/** Exchange-zone mats give the leg times, so a relay needs a mat where every leg ends. */
const relayLegsOf = (race: AddRace['data'], course: TimingPoint[]): RelayLeg[] => {
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
  let endTenths = 0;
  for (const leg of legs) {
    endTenths += Math.round(leg.distanceM * 10);
    if (!course.some((point) => Math.round(point.distanceM * 10) === endTenths)) {
      throw new RuleViolationError(`leg ${leg.leg} ends at ${endTenths / 10} m, where the course has no exchange mat`);
    }
  }
  return legs;
};

const noLegs = (race: AddRace['data']): RelayLeg[] => {
  if (race.legs && race.legs.length > 0) throw new RuleViolationError('only a relay race has legs');
  return [];
};
