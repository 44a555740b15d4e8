import { RecordedEvent } from '../event-store/event-store';
import { Projection } from '../projections/projection';
import { RunnerRegistered } from './entry-events';

export interface RegisteredRunner {
  raceId: string;
  chipId: string;
  wave?: string;
}

export interface EditionRegistrations {
  byBib: Record<string, RegisteredRunner>;
  /** chip id -> bib: the timing mats read chips. */
  byChip: Record<string, string>;
}

export type RegistrationsState = Record<string, EditionRegistrations>;

export const REGISTRATIONS_PROJECTION = 'registrations';

export const registrationsProjection: Projection<RegistrationsState> = {
  name: REGISTRATIONS_PROJECTION,
  version: 1,
  filter: { eventTypes: ['RunnerRegistered'] },
  initialState: () => ({}),
  evolve: (state, recorded: RecordedEvent) => {
    const { editionId, bib, chipId, raceId, wave } = (recorded as unknown as RunnerRegistered).data;
    const edition = (state[editionId] ??= { byBib: {}, byChip: {} });
    edition.byBib[bib] = { raceId, chipId, ...(wave !== undefined && { wave }) };
    edition.byChip[chipId] = bib;
    return state;
  },
};
