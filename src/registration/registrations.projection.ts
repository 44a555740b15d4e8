import { RecordedEvent } from '../event-store/event-store';
import { Projection } from '../projections/projection';
import { TeamRegistered } from '../ekiden/team-events';
import { RunnerRegistered } from './entry-events';

/** A runner, or a relay team (its sash chip is read like a runner's). */
export interface RegisteredRunner {
  raceId: string;
  chipId: string;
  wave?: string;
}

export interface EditionRegistrations {
  byBib: Map<string, RegisteredRunner>;
  /** chip id -> bib: the timing mats read chips. */
  byChip: Map<string, string>;
}

export type RegistrationsState = Record<string, EditionRegistrations>;

export const REGISTRATIONS_PROJECTION = 'registrations';

export const registrationsProjection: Projection<RegistrationsState> = {
  name: REGISTRATIONS_PROJECTION,
  version: 2,
  filter: { eventTypes: ['RunnerRegistered', 'TeamRegistered'] },
  initialState: () => ({}),
  evolve: (state, recorded: RecordedEvent) => {
    const event = recorded as unknown as RunnerRegistered | TeamRegistered;
    const { editionId, bib, chipId, raceId } = event.data;
    const wave = event.type === 'RunnerRegistered' ? event.data.wave : undefined;
    const edition = (state[editionId] ??= { byBib: new Map(), byChip: new Map() });
    edition.byBib.set(bib, { raceId, chipId, ...(wave !== undefined && { wave }) });
    edition.byChip.set(chipId, bib);
    return state;
  },
};
