import { RecordedEvent } from '../event-store/event-store';
import { Projection } from '../projections/projection';
import { EditionEvent, EditionPlanned, RaceAdded } from './edition-events';

export type RaceView = Omit<RaceAdded['data'], 'editionId'>;
export type EditionView = EditionPlanned['data'] & { races: RaceView[] };
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
        state[event.data.editionId] = { ...event.data, races: [] };
        return state;
      case 'RaceAdded': {
        const { editionId, ...race } = event.data;
        state[editionId]?.races.push(race);
        return state;
      }
      default:
        return state;
    }
  },
};
