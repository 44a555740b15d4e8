import { AdjudicationEvent } from '../adjudication/adjudication-events';
import { EditionEvent } from '../editions/edition-events';
import { RecordedEvent } from '../event-store/event-store';
import { Projection } from '../projections/projection';
import { TimingEvent } from '../timing/timing-events';
import { LegRunner, TeamCategory, TeamRegistered } from './team-events';

export interface Exchange {
  /** The leg this mat ends. */
  leg: number;
  pointId: string;
  lap: number;
}

export interface RelayTeam {
  bib: string;
  name: string;
  organisation?: string;
  category: TeamCategory;
  runners: LegRunner[];
  /** `${pointId}@${lap}` -> the time that counts (corrections replace reads). */
  crossings: Record<string, string>;
  /** `${pointId}@${lap}` -> the read (or `correction:<id>`) that time comes from: a read reinterpreted takes only its own time away. */
  sources: Record<string, string>;
  disqualification?: { rule: string; leg?: number };
  declared?: 'DNS' | 'DNF';
}

export interface RelayRace {
  raceId: string;
  exchanges: Exchange[];
  gunTime?: string;
  /** Closed by an organiser: a team that has not finished is DNF (seen) or DNS (never seen). */
  closed: boolean;
  teams: Record<string, RelayTeam>;
}

/** editionId -> raceId -> the relay race with its teams. */
export type EkidenState = Record<string, Record<string, RelayRace>>;

export const EKIDEN_PROJECTION = 'ekiden-standings';

type Folded = EditionEvent | TeamRegistered | TimingEvent | AdjudicationEvent;

const crossingKey = (pointId: string, lap: number) => `${pointId}@${lap}`;

export const ekidenProjection: Projection<EkidenState> = {
  name: EKIDEN_PROJECTION,
  version: 2,
  filter: {
    eventTypes: [
      'RaceAdded',
      'RaceStarted',
      'GunTimeCorrected',
      'TeamRegistered',
      'SplitRecorded',
      'FinishRecorded',
      'ReadReinterpreted',
      'RaceClosed',
      'TimeCorrected',
      'RunnerDisqualified',
      'DisqualificationRescinded',
      'RunnerStatusDeclared',
    ],
  },
  initialState: () => ({}),
  evolve: (state, recorded: RecordedEvent) => {
    const event = recorded as unknown as Folded;
    if (event.type === 'RaceAdded') {
      if (event.data.kind !== 'relay') return state;
      let end = 0;
      const exchanges = event.data.legs.map((leg) => {
        end += Math.round(leg.distanceM * 10);
        const mat = event.data.timingPoints.find((point) => Math.round(point.distanceM * 10) === end)!;
        return { leg: leg.leg, pointId: mat.pointId, lap: mat.lap };
      });
      (state[event.data.editionId] ??= {})[event.data.raceId] = { raceId: event.data.raceId, exchanges, closed: false, teams: {} };
      return state;
    }
    if (!('raceId' in event.data)) return state;
    const race = state[event.data.editionId]?.[event.data.raceId];
    if (!race) return state;
    if (event.type === 'RaceStarted') {
      race.gunTime ??= event.data.gunTime;
      return state;
    }
    if (event.type === 'GunTimeCorrected') {
      // The team clock runs from the first gun fired, a wave's too: a correction of that gun moves it.
      if (race.gunTime === event.data.previousGunTime) race.gunTime = event.data.gunTime;
      return state;
    }
    if (event.type === 'RaceClosed') {
      race.closed = true;
      return state;
    }
    if (event.type === 'TeamRegistered') {
      const { bib, name, organisation, category, runners } = event.data;
      race.teams[bib] = { bib, name, category, runners, crossings: {}, sources: {}, ...(organisation !== undefined && { organisation }) };
      return state;
    }
    const team = 'bib' in event.data ? race.teams[event.data.bib] : undefined;
    if (!team) return state;
    switch (event.type) {
      case 'SplitRecorded':
      case 'FinishRecorded':
      case 'TimeCorrected': {
        const key = crossingKey(event.data.pointId, event.data.lap);
        team.crossings[key] = event.data.time;
        team.sources[key] = event.type === 'TimeCorrected' ? `correction:${event.data.correctionId}` : event.data.readId;
        break;
      }
      case 'ReadReinterpreted': {
        const { previously, readId } = event.data;
        const key = previously.status === 'counted' ? crossingKey(previously.pointId, previously.lap) : undefined;
        if (key !== undefined && team.sources[key] === readId) {
          delete team.crossings[key];
          delete team.sources[key];
        }
        break;
      }
      case 'RunnerDisqualified':
        team.disqualification = { rule: event.data.rule, ...(event.data.leg !== undefined && { leg: event.data.leg }) };
        break;
      case 'DisqualificationRescinded':
        delete team.disqualification;
        break;
      case 'RunnerStatusDeclared':
        team.declared = event.data.status;
        break;
    }
    return state;
  },
};

export const exchangeTime = (team: RelayTeam, exchange: Exchange): string | undefined =>
  team.crossings[crossingKey(exchange.pointId, exchange.lap)];
