import { readStreamOrEmpty } from '../decider/handle-command';
import { EventStore, RecordedEvent } from '../event-store/event-store';
import { editionStream } from './edition';
import { Projection } from '../projections/projection';
import { EditionEvent, EditionPlanned, RaceAdded } from './edition-events';

export type RaceView = Omit<RaceAdded['data'], 'editionId'> & {
  guns: { wave?: string; gunTime: string }[];
  /** When an organiser closed the race; absent while it is open. */
  closedAt?: string;
};
export type EditionView = EditionPlanned['data'] & { registrationOpen: boolean; races: RaceView[] };
export type EditionsState = Record<string, EditionView>;

export const EDITIONS_PROJECTION = 'editions';

export const editionsProjection: Projection<EditionsState> = {
  name: EDITIONS_PROJECTION,
  version: 1,
  filter: { streamPrefixes: ['edition-'] },
  initialState: () => ({}),
  evolve: (state, recorded: RecordedEvent) => {
    const event = recorded as unknown as EditionEvent;
    switch (event.type) {
      case 'EditionPlanned':
        state[event.data.editionId] = { ...event.data, registrationOpen: true, races: [] };
        return state;
      case 'RaceAdded': {
        const { editionId, ...race } = event.data;
        state[editionId]?.races.push({ ...race, guns: [] });
        return state;
      }
      case 'RegistrationClosed':
        if (state[event.data.editionId]) state[event.data.editionId]!.registrationOpen = false;
        return state;
      case 'RaceStarted': {
        const { editionId, raceId, ...gun } = event.data;
        state[editionId]?.races.find((race) => race.raceId === raceId)?.guns.push(gun);
        return state;
      }
      case 'GunTimeCorrected': {
        const { editionId, raceId, wave, gunTime } = event.data;
        const gun = state[editionId]?.races.find((race) => race.raceId === raceId)?.guns.find((candidate) => candidate.wave === wave);
        if (gun) gun.gunTime = gunTime;
        return state;
      }
      case 'RaceClosed': {
        const race = state[event.data.editionId]?.races.find((candidate) => candidate.raceId === event.data.raceId);
        if (race) race.closedAt = event.data.closedAt;
        return state;
      }
      default:
        return state;
    }
  },
};

/** The gun that started a runner: their wave's own, else the race's. */
export const gunTimeFor = (race: RaceView, wave?: string): string | undefined =>
  (wave !== undefined ? race.guns.find((gun) => gun.wave === wave) : undefined)?.gunTime ??
  race.guns.find((gun) => gun.wave === undefined)?.gunTime;

/** An edition as its own stream says now: for commands that must not act on a lagging read model. */
export const readEditionView = async (store: EventStore, editionId: string): Promise<EditionView | undefined> => {
  const events = await readStreamOrEmpty(store, editionStream(editionId));
  return events.reduce(editionsProjection.evolve, editionsProjection.initialState())[editionId];
};
