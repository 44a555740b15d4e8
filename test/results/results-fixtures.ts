import { DomainEvent } from '../../src/decider/decider';
import { EditionPlanned, RaceAdded, RaceStarted } from '../../src/editions/edition-events';
import { RecordedEvent } from '../../src/event-store/event-store';
import { RunnerRegistered } from '../../src/registration/entry-events';
import { ResultsState, resultsProjection } from '../../src/results/results.projection';
import { parseRaceTime } from '../../src/time/instant';
import { FinishRecorded, SplitRecorded } from '../../src/timing/timing-events';

/** Race-day events for results tests: the 7th Almaty Marathon unless told otherwise. */

export const GUN = '2018-04-22T03:00:00.000Z';

/** The instant a race time (H:MM:SS or H:MM:SS.s) after a start. */
export const after = (start: string, raceTime: string): string => new Date(Date.parse(start) + parseRaceTime(raceTime)).toISOString();

export const editionPlanned = (data: Partial<EditionPlanned['data']> = {}): EditionPlanned => ({
  type: 'EditionPlanned',
  data: {
    editionId: 'almaty-2018',
    name: '7th Almaty Marathon',
    number: 7,
    city: 'Almaty',
    date: '2018-04-22',
    timezone: 'Asia/Almaty',
    currency: 'KZT',
    series: 'almaty',
    ...data,
  },
});

export const tenKAdded = (data: Partial<RaceAdded['data']> = {}): RaceAdded => ({
  type: 'RaceAdded',
  data: {
    editionId: 'almaty-2018',
    raceId: '10k',
    name: '10 km',
    distanceM: 10000,
    laps: 1,
    kind: 'individual',
    timingPoints: [
      { pointId: 'start', distanceM: 0, lap: 1 },
      { pointId: '5k', distanceM: 5000, lap: 1 },
      { pointId: 'finish', distanceM: 10000, lap: 1 },
    ],
    legs: [],
    courseId: 'almaty-new-square-10k',
    minAge: 14,
    ...data,
  },
});

export const marathonAdded = (data: Partial<RaceAdded['data']> = {}): RaceAdded => ({
  type: 'RaceAdded',
  data: {
    editionId: 'almaty-2018',
    raceId: 'marathon',
    name: 'Marathon',
    distanceM: 42195,
    laps: 2,
    kind: 'individual',
    timingPoints: [
      { pointId: 'start', distanceM: 0, lap: 1 },
      { pointId: 'finish', distanceM: 21097.5, lap: 1 },
      { pointId: 'finish', distanceM: 42195, lap: 2 },
    ],
    legs: [],
    courseId: 'almaty-new-square-2018',
    minAge: 18,
    ...data,
  },
});

export const raceStarted = (raceId: string, gunTime = GUN, wave?: string, editionId = 'almaty-2018'): RaceStarted => ({
  type: 'RaceStarted',
  data: { editionId, raceId, gunTime, ...(wave !== undefined && { wave }) },
});

/** An organiser closed the race: who has not finished is DNF (seen) or DNS (never seen). */
export const raceClosed = (raceId: string, closedAt = '2018-04-22T09:00:00.000Z', editionId = 'almaty-2018'): DomainEvent => ({
  type: 'RaceClosed',
  data: { editionId, raceId, closedAt },
});

export const runnerRegistered = (bib: string, data: Partial<RunnerRegistered['data']> = {}): RunnerRegistered => ({
  type: 'RunnerRegistered',
  data: {
    editionId: 'almaty-2018',
    raceId: '10k',
    bib,
    chipId: `C${bib}`,
    firstName: 'Runner',
    lastName: `Number ${bib}`,
    gender: 'M',
    dateOfBirth: '1990-06-01',
    country: 'KAZ',
    ...data,
  },
});

interface CrossingOf {
  bib: string;
  pointId: string;
  lap?: number;
  distanceM: number;
  time: string;
  raceId?: string;
  editionId?: string;
  readId?: string;
}

const crossing = ({ lap = 1, raceId = '10k', editionId = 'almaty-2018', ...read }: CrossingOf) => ({
  editionId,
  raceId,
  readId: read.readId ?? `${read.bib}/${read.pointId}/${lap}/${read.time}`,
  bib: read.bib,
  pointId: read.pointId,
  lap,
  distanceM: read.distanceM,
  time: read.time,
});

export const splitRecorded = (read: CrossingOf): SplitRecorded => ({ type: 'SplitRecorded', data: crossing(read) });
export const finishRecorded = (read: CrossingOf): FinishRecorded => ({ type: 'FinishRecorded', data: crossing(read) });

/** A 10 km finish the given race time after the gun (and nothing else). */
export const tenKFinish = (bib: string, raceTime: string, gun = GUN): FinishRecorded =>
  finishRecorded({ bib, pointId: 'finish', distanceM: 10000, time: after(gun, raceTime) });

/** The events as the log would hold them: one stream per edition and per entry, positions in order. */
export const asRecorded = (events: DomainEvent[], from = 0): RecordedEvent[] =>
  events.map((event, index) => {
    const data = event.data as { editionId: string; bib?: string };
    return {
      id: `event-${from + index}`,
      type: event.type,
      data: event.data,
      streamId: data.bib === undefined ? `edition-${data.editionId}` : `entry-${data.editionId}-${data.bib}`,
      revision: 0,
      position: from + index,
      recordedAt: GUN,
      metadata: { actor: { id: 'timing#test', role: 'timing' }, correlationId: 'test', occurredAt: GUN, schemaVersion: 1 },
    };
  });

export const foldResults = (events: DomainEvent[]): ResultsState =>
  asRecorded(events).reduce(resultsProjection.evolve, resultsProjection.initialState());
