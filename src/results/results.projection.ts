import { AdjudicationEvent } from '../adjudication/adjudication-events';
import { EditionPlanned, GunTimeCorrected, RaceAdded, RaceClosed, RaceStarted, TimingPoint } from '../editions/edition-events';
import { RecordedEvent } from '../event-store/event-store';
import { Projection } from '../projections/projection';
import { RunnerRegistered } from '../registration/entry-events';
import { FinishRecorded, ReadReinterpreted, SplitRecorded } from '../timing/timing-events';

export const RESULTS_PROJECTION = 'results';

type ResultsEvent =
  | EditionPlanned
  | RaceAdded
  | RaceStarted
  | GunTimeCorrected
  | RaceClosed
  | RunnerRegistered
  | SplitRecorded
  | FinishRecorded
  | ReadReinterpreted
  | AdjudicationEvent;

/** One counted crossing of a mat. A crossing at 0 m is the start mat: the runner's net start. */
export interface Crossing {
  /** The timing system's read id: a later correction or withdrawal names exactly this crossing. */
  readId: string;
  pointId: string;
  lap: number;
  distanceM: number;
  time: string;
  /** Recorded as the finish (FinishRecorded), not merely a pass of the finish mat on an earlier lap. */
  finish: boolean;
}

/** What adjudication decides over the mats: it wins over the status the crossings would give. */
export type StatusOverride = 'DSQ' | 'DNS' | 'DNF';

export type Registration = Omit<RunnerRegistered['data'], 'editionId' | 'raceId' | 'chipId' | 'entryFee'>;

export interface RunnerEntry {
  registration: Registration;
  crossings: Crossing[];
  /** Disqualification wins over a declared DNS/DNF; rescinding it brings the declaration back. */
  statusOverride?: StatusOverride;
  declared?: 'DNS' | 'DNF';
  disqualified?: { rule: string };
  /** Counts every change to this runner: a runner's performance is recomputed only when it moves on. */
  changes: number;
}

export interface RaceResults {
  editionId: string;
  raceId: string;
  name: string;
  distanceM: number;
  laps: number;
  courseId: string;
  maxAge?: number;
  timingPoints: TimingPoint[];
  /** Race day, local to the edition: categories go by age on it. */
  date: string;
  guns: { wave?: string; gunTime: string }[];
  /** Closed by an organiser: whoever has not finished by then is DNF (seen) or DNS (never seen). */
  closed: boolean;
  runners: Record<string, RunnerEntry>;
  /** Counts every change folded into this race: standings computed from it stay valid while it stands still. */
  changes: number;
}

export interface EditionResults {
  editionId: string;
  name: string;
  number: number;
  series: string;
  date: string;
  races: Record<string, RaceResults>;
}

export type ResultsState = Record<string, EditionResults>;

/** Every change to a runner goes through here, so cached standings and performances see it. */
const touch = (race: RaceResults, runner?: RunnerEntry) => {
  race.changes++;
  if (runner) runner.changes++;
};

const raceOf = (state: ResultsState, ids: { editionId: string; raceId: string }): RaceResults | undefined =>
  state[ids.editionId]?.races[ids.raceId];

/**
 * Everything results, records and statistics need, per edition and race, folded from the edition stream
 * (races, guns) and the entry streams (registrations, crossings). Standings are not stored: they are
 * derived from this on demand (see standings.ts), so a correction changes one crossing, not every place.
 */
export const resultsProjection: Projection<ResultsState> = {
  name: RESULTS_PROJECTION,
  version: 2,
  filter: {
    streamPrefixes: ['edition-', 'entry-'],
    eventTypes: [
      'EditionPlanned',
      'RaceAdded',
      'RaceStarted',
      'GunTimeCorrected',
      'RaceClosed',
      'RunnerRegistered',
      'SplitRecorded',
      'FinishRecorded',
      'ReadReinterpreted',
      'TimeCorrected',
      'RunnerDetailsCorrected',
      'RunnerStatusDeclared',
      'RunnerStatusRescinded',
      'RunnerDisqualified',
      'DisqualificationRescinded',
    ],
  },
  initialState: () => ({}),
  evolve: (state, recorded: RecordedEvent) => {
    const event = recorded as unknown as ResultsEvent;
    switch (event.type) {
      case 'EditionPlanned': {
        const { editionId, name, number, series, date } = event.data;
        state[editionId] = { editionId, name, number, series, date, races: {} };
        return state;
      }
      case 'RaceAdded': {
        const { editionId, raceId, name, distanceM, laps, courseId, maxAge, timingPoints } = event.data;
        const edition = state[editionId];
        if (edition) {
          edition.races[raceId] = {
            editionId,
            raceId,
            name,
            distanceM,
            laps,
            courseId,
            ...(maxAge !== undefined && { maxAge }),
            timingPoints,
            date: edition.date,
            guns: [],
            closed: false,
            runners: {},
            changes: 0,
          };
        }
        return state;
      }
      case 'RaceStarted': {
        const race = raceOf(state, event.data);
        if (race) {
          race.guns.push({ ...(event.data.wave !== undefined && { wave: event.data.wave }), gunTime: event.data.gunTime });
          touch(race);
        }
        return state;
      }
      case 'GunTimeCorrected': {
        const race = raceOf(state, event.data);
        const gun = race?.guns.find((candidate) => candidate.wave === event.data.wave);
        if (race && gun) {
          gun.gunTime = event.data.gunTime;
          touch(race);
        }
        return state;
      }
      case 'RaceClosed': {
        const race = raceOf(state, event.data);
        if (race) {
          race.closed = true;
          touch(race);
        }
        return state;
      }
      case 'RunnerRegistered': {
        const { editionId, raceId, chipId, entryFee, ...registration } = event.data;
        const race = raceOf(state, { editionId, raceId });
        if (race) {
          race.runners[registration.bib] = { registration, crossings: [], changes: 0 };
          touch(race);
        }
        return state;
      }
      case 'SplitRecorded':
      case 'FinishRecorded': {
        const { readId, pointId, lap, distanceM, time } = event.data;
        const race = raceOf(state, event.data);
        // The entry stream opens with RunnerRegistered, so a crossing always finds its runner. A read
        // counts as one crossing at a time: a new meaning of the same read replaces the old one.
        const runner = race?.runners[event.data.bib];
        if (!race || !runner) return state;
        const counted: Crossing = { readId, pointId, lap, distanceM, time, finish: event.type === 'FinishRecorded' };
        const same = runner.crossings.find((crossing) => crossing.readId === readId);
        if (same && JSON.stringify(same) === JSON.stringify(counted)) return state;
        runner.crossings = runner.crossings.filter((crossing) => crossing !== same);
        runner.crossings.push(counted);
        touch(race, runner);
        return state;
      }
      case 'ReadReinterpreted': {
        const race = raceOf(state, event.data);
        const runner = race?.runners[event.data.bib];
        if (!race || !runner) return state;
        runner.crossings = runner.crossings.filter((crossing) => crossing.readId !== event.data.readId);
        touch(race, runner);
        return state;
      }
      case 'TimeCorrected': {
        const { correctionId, pointId, lap, distanceM, time, finish } = event.data;
        const race = raceOf(state, event.data);
        const runner = race?.runners[event.data.bib];
        if (!race || !runner) return state;
        // The corrected time replaces whatever counted for this mat and lap; the read stays in the log.
        runner.crossings = runner.crossings.filter((crossing) => !(crossing.pointId === pointId && crossing.lap === lap));
        runner.crossings.push({ readId: `correction:${correctionId}`, pointId, lap, distanceM, time, finish });
        touch(race, runner);
        return state;
      }
      case 'RunnerDetailsCorrected': {
        const race = Object.values(state[event.data.editionId]?.races ?? {}).find((candidate) => candidate.runners[event.data.bib]);
        const runner = race?.runners[event.data.bib];
        if (!race || !runner) return state;
        runner.registration = { ...runner.registration, ...event.data.after };
        touch(race, runner);
        return state;
      }
      case 'RunnerStatusDeclared':
      case 'RunnerStatusRescinded':
      case 'RunnerDisqualified':
      case 'DisqualificationRescinded': {
        const race = raceOf(state, event.data);
        const runner = race?.runners[event.data.bib];
        if (!race || !runner) return state;
        if (event.type === 'RunnerStatusDeclared') runner.declared = event.data.status;
        else if (event.type === 'RunnerStatusRescinded') delete runner.declared;
        else if (event.type === 'RunnerDisqualified') runner.disqualified = { rule: event.data.rule };
        else delete runner.disqualified;
        const override = runner.disqualified ? 'DSQ' : runner.declared;
        if (override) runner.statusOverride = override;
        else delete runner.statusOverride;
        touch(race, runner);
        return state;
      }
      default:
        return state;
    }
  },
};
