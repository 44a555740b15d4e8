import { Projection } from '../../src/projections/projection';

export type Counted = { finishes: number; bibs: string[]; stale?: true };

/** Counts every finish it is given: an event applied twice, or missed, shows in the count. */
export const finishCounter: Projection<Counted> = {
  name: 'finish-counter',
  version: 1,
  filter: { eventTypes: ['FinishRecorded'] },
  initialState: () => ({ finishes: 0, bibs: [] }),
  evolve: (state, event) => {
    state.finishes += 1;
    state.bibs.push((event.data as { bib: string }).bib);
    return state;
  },
};
